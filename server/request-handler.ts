import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '../lib/http/content-security-policy';
import { rejectMalformedRequest } from '../lib/http/request-guard';
import { securityHeaders } from '../lib/http/security-headers';
import { applyDocumentPolicy } from './document-policy';
import type { Capture } from './captured-response';
import type { LiveDocuments } from './live-documents';
import type { OptimizedImages } from './optimized-images';

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Marks the server's own requests for a document, which must reach Next itself. */
const CAPTURE_HEADER = 'x-newsbite-capture';

export interface RequestHandlerOptions {
  documents: LiveDocuments;
  images: OptimizedImages;
  handleWithNext: NextHandler;
  /** The policy of an HTML document Next rendered itself (memoised by the caller). */
  policyOf: (html: string) => string;
  /** Secret value of CAPTURE_HEADER, so nobody else can make us skip the fast path. */
  captureToken: string;
  /** The build's draft-mode cookie value: only a real preview skips the fast path. */
  previewModeId: string;
  /** What a request must wait for before it is answered (the rest of the archive, at start), if anything. */
  holdUntil?: (req: IncomingMessage) => Promise<void> | undefined;
}

/** Whether the request carries Next's draft-mode cookie with this build's value (an editor's preview). */
function isPreview(cookie: string | undefined, previewModeId: string): boolean {
  return cookie !== undefined && cookie.split(';').some((pair) => pair.trim() === `__prerender_bypass=${previewModeId}`);
}

/** The 400 answer's headers: the same for every malformed request. */
const BAD_REQUEST_HEADERS = [
  ...securityHeaders({ production: true }).flatMap(({ key, value }) => [key, value]),
  'Content-Security-Policy',
  contentSecurityPolicy(),
  'Content-Type',
  'text/plain; charset=utf-8',
  'Cache-Control',
  'no-store',
];

function badRequest(res: ServerResponse): void {
  res.writeHead(400, BAD_REQUEST_HEADERS);
  res.end('Bad Request\n');
}

/**
 * Every request: malformed targets are refused (Next would answer them with a 500), content
 * documents (and the 404s, 410s and 308s the content decides) and encoded images come from
 * memory, everything else (previews, RSC and router requests, assets, API, search, first
 * renders, other methods) goes to Next's own handler with a per-document CSP added.
 */
export function createRequestHandler({ documents, images, handleWithNext, policyOf, captureToken, previewModeId, holdUntil }: RequestHandlerOptions): RequestListener {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    handleWithNext(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const forwardToNext = (req: IncomingMessage, res: ServerResponse, preview = false) => {
    applyDocumentPolicy(req, res, policyOf, { preview });
    handle(req, res);
  };
  const answer: RequestListener = (req, res) => {
    // No policy for a capture: storeDocument computes its own and images keep Next's, so hashing here is wasted.
    if (req.headers[CAPTURE_HEADER] === captureToken) return handle(req, res);
    // A preview shows what readers may not see yet: rendered for the editor, never stored.
    if (isPreview(req.headers.cookie, previewModeId)) return forwardToNext(req, res, true);
    let served = documents.serve(req, res);
    if (served === false) served = images.serve(req, res);
    if (served === false) return forwardToNext(req, res);
    if (served !== true) void served.then((done) => done || forwardToNext(req, res));
  };
  return (req, res) => {
    if (rejectMalformedRequest(req.url) !== undefined) return badRequest(res);
    const hold = holdUntil?.(req);
    if (hold) void hold.then(() => answer(req, res));
    else answer(req, res);
  };
}

/** Asks this very server, over loopback, for what Next serves at a request target. */
export function loopbackCapture(server: http.Server, captureToken: string): Capture {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return (target, headers) =>
    new Promise((resolve, reject) => {
      const { address, port } = server.address() as AddressInfo;
      const host = address === '::' || address === '0.0.0.0' ? '127.0.0.1' : address;
      const request = http.request(
        { host, port, path: target, agent, headers: { ...headers, [CAPTURE_HEADER]: captureToken } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, rawHeaders: response.rawHeaders, body: Buffer.concat(chunks) }),
          );
        },
      );
      request.setTimeout(30_000, () => request.destroy(new Error(`capturing ${target} timed out`)));
      request.on('error', reject);
      request.end();
    });
}
