/** What Next answered to one of the server's own loopback requests, and helpers to read it. */

/** What Next answered, as received over HTTP without Accept-Encoding. */
export interface CapturedResponse {
  status: number;
  /** Flat [name, value, name, value, ...] in Next's order, duplicates kept. */
  rawHeaders: string[];
  body: Buffer;
}

/** Asks Next for a request target, with the given request headers. */
export type Capture = (target: string, headers: Record<string, string>) => Promise<CapturedResponse>;

export type HeaderList = [name: string, value: string][];

/** Headers that describe one connection or one message rather than the resource. */
export const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

export function pairs(rawHeaders: string[]): HeaderList {
  const result: HeaderList = [];
  for (let i = 0; i < rawHeaders.length; i += 2) result.push([rawHeaders[i], rawHeaders[i + 1]]);
  return result;
}

export const valueOf = (headers: HeaderList, name: string) => headers.find(([key]) => key.toLowerCase() === name)?.[1];
