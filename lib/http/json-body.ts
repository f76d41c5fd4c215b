import { privateJson } from './secrets';

class TooLarge extends Error {}

/** The body as text, refusing it as soon as it passes the limit (Content-Length may be absent or wrong). */
async function readBody(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A write endpoint's JSON body, or the answer refusing it: 413 over `maxBytes`, 400 when it is not JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<{ value: unknown } | { refused: Response }> {
  const tooLarge = () => ({ refused: privateJson({ error: `the body is over ${maxBytes} bytes` }, 413) });
  if (Number(request.headers.get('content-length')) > maxBytes) return tooLarge();
  let text: string;
  try {
    text = await readBody(request, maxBytes);
  } catch (error) {
    if (error instanceof TooLarge) return tooLarge();
    throw error;
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { refused: privateJson({ error: `the body is not JSON: ${(error as Error).message}` }, 400) };
  }
}
