/** The newsroom's clock: every visible time is given in it, with its zone named. */
const TIME_ZONE = 'UTC';

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
  timeZoneName: 'short',
});

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: TIME_ZONE });

/** "24 November 2026 at 23:15 UTC" */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "24 Nov 2026" */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}
