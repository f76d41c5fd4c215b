import net from 'node:net';

export interface RawResponse {
  status: number;
  head: string;
  body: Buffer;
}

/**
 * Sends bytes exactly as given (no client-side normalisation of the path, method or headers,
 * which fetch would do) and reads the answer until the server closes the connection.
 */
export function rawRequest(baseUrl: string, request: string | Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no complete answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      // A server may answer and reset at once (e.g. 431 for huge headers): keep what arrived.
      if (chunks.length) finish();
      else reject(error);
    });
    socket.on('end', finish);
    socket.write(request);
    function finish() {
      let data = Buffer.concat(chunks);
      // Skip interim 1xx answers (e.g. 100 Continue): the final response follows them.
      while (/^HTTP\/1\.[01] 1\d\d/.test(data.subarray(0, 12).toString('latin1')) && data.indexOf('\r\n\r\n') !== -1) {
        data = data.subarray(data.indexOf('\r\n\r\n') + 4);
      }
      const split = data.indexOf('\r\n\r\n');
      const head = data.subarray(0, split === -1 ? data.length : split).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split === -1 ? Buffer.alloc(0) : data.subarray(split + 4) });
    }
  });
}

/** A GET request line with Connection: close and any extra header lines. */
export function getRequest(target: string, host: string, extraHeaders: string[] = [], method = 'GET'): string {
  return [`${method} ${target} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...extraHeaders, '', ''].join('\r\n');
}
