/**
 * The worker thread of server/document-policies.ts: the Content-Security-Policy of each HTML
 * document it is sent (parse5 over the whole page, about 4 ms an article), off the serving thread.
 */
import { parentPort } from 'node:worker_threads';
import { documentSecurityPolicy } from '../lib/http/content-security-policy';

parentPort!.on('message', ({ id, body }: { id: number; body: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id, policy: documentSecurityPolicy(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) });
  } catch (error) {
    parentPort!.postMessage({ id, error: String(error) });
  }
});
