/**
 * The two string formats ninjs leans on, checked the way the official schemas check them
 * (JSON Schema `date-time` and `uri` as ajv-formats implements them), plus the normalisation
 * the article front matter needs.
 */

/** RFC 3339 date-time as JSON Schema's `date-time` accepts it: T, t or a space; Z or an offset. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export interface ParsedDateTime {
  /** The same instant written as the article schema wants it: `T`, seconds, `Z` or `±hh:mm`. */
  iso: string;
  /** Epoch milliseconds. */
  ms: number;
}

/**
 * Parses a ninjs date-time. Returns the normalised form, or a problem in words: a date-time
 * without an offset is refused (its instant is unknown), as is a date that is not in the calendar.
 */
export function parseDateTime(value: string): ParsedDateTime | { problem: string } {
  const match = DATE_TIME.exec(value);
  if (!match) {
    return { problem: `"${value}" is not an RFC 3339 date-time such as 2026-11-24T09:30:00+09:00` };
  }
  const [, year, month, day, hour, minute, second, fraction = '', zulu, sign, offsetHours, offsetMinutes = '00'] = match;
  if (!zulu && !sign) {
    return { problem: `"${value}" has no time-zone offset: add Z or ±hh:mm (e.g. ${value}Z), or the instant is unknown` };
  }
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && isLeapYear(Number(year)) ? 29 : DAYS_IN_MONTH[m])) {
    return { problem: `"${value}" is not a calendar date` };
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60 || Number(offsetHours ?? 0) > 23 || Number(offsetMinutes) > 59) {
    return { problem: `"${value}" is not a time of day` };
  }
  // A leap second (23:59:60) is kept as the last whole second before it: Date cannot hold it.
  const seconds = second === '60' ? '59' : second;
  const offset = zulu ? 'Z' : `${sign}${offsetHours}:${offsetMinutes}`;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${seconds}${fraction}${offset}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { problem: `"${value}" is not a real date-time` };
  return { iso, ms };
}

/** True when the value is a date-time the importer accepts. */
export function isDateTime(value: string): boolean {
  return !('problem' in parseDateTime(value));
}

const PCHAR = "(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})";
const AUTHORITY = "(?:(?:[a-z0-9\\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\\[[0-9a-f:.v]+\\]|(?:[a-z0-9\\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\\d*)?";
/** An absolute URI (RFC 3986 `URI`): a scheme, then a non-empty hierarchical part. */
const URI = new RegExp(
  `^[a-z][a-z0-9+.-]*:(?:\\/\\/${AUTHORITY}(?:\\/${PCHAR}*)*|\\/(?:${PCHAR}+(?:\\/${PCHAR}*)*)?|${PCHAR}+(?:\\/${PCHAR}*)*)` +
    `(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?$`,
  'i',
);

/** JSON Schema's `uri` format: an absolute URI. Note that `javascript:` is one; checking is not sanitising. */
export function isUri(value: string): boolean {
  return URI.test(value);
}

/** The http(s) URLs the importer will fetch; everything else in an href is refused. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value) && isUri(value);
}
