import { getContent } from '@/lib/content/repository';
import { baseUrl } from './helpers/browser';
import { getRequest, rawRequest } from './helpers/raw-http';

const article = getContent().articles[0];
const host = () => new URL(baseUrl()).host;

/** Text that must never leave the server: system files, our source, config and secrets. */
const LEAK_MARKERS = ['root:x:0:', '"devDependencies"', 'NEXT_DIST_DIR', 'BEGIN PRIVATE KEY', 'getContent()', '[core]\n\trepositoryformatversion'];

const TRAVERSALS = [
  '/../../../../etc/passwd',
  '/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/%252e%252e/%252e%252e/etc/passwd',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '/..\\..\\..\\etc\\passwd',
  '/photos/../../package.json',
  '/photos/..%2f..%2fpackage.json',
  '/photos/%2e%2e/%2e%2e/package.json',
  '/_next/static/../../../package.json',
  '/_next/static/..%2f..%2f..%2fpackage.json',
  '/_next/static/%2e%2e/%2e%2e/%2e%2e/next.config.ts',
  '/_next/../../.git/config',
  '/.git/config',
  '/.env',
  '/.env.local',
  '/package.json',
  '/next.config.ts',
  '/content/sections.yml',
  '/lib/config.ts',
  '/server.js',
  '/public/photos/CREDITS.md',
  '/node_modules/next/package.json',
  '/_next/image?url=/../../etc/passwd&w=640&q=75',
  '/_next/image?url=%2F..%2F..%2Fpackage.json&w=640&q=75',
  '/_next/image?url=file:///etc/passwd&w=640&q=75',
  '/_next/image?url=http://example.invalid/x.jpg&w=640&q=75',
  '/_next/image?url=//example.invalid/x.jpg&w=640&q=75',
  '/_next/image?url=/photos/none.jpg&w=640&q=75',
  '/_next/image?url=/photos/&w=640&q=75',
  '/_next/image?url=/photos/x.jpg&w=99999&q=75',
  '/_next/image?url=/photos/x.jpg&w=-1&q=1000',
  '/_next/image?w=640',
];

const ODD_PATHS = [
  `${article.path}%00`,
  `${article.path}%00.html`,
  '/%00',
  '/world%2F' + article.slug,
  '/world%2f..%2f' + article.slug,
  '/%ff%fe%fd',
  '/%c3%28',
  '/%e2%82',
  '/%',
  '/%zz',
  '/%%%',
  '/' + 'a'.repeat(2_000),
  '/' + 'a'.repeat(8_000),
  '/' + 'a/'.repeat(1_000),
  '/world/' + 'x'.repeat(5_000),
  '/tag/' + encodeURIComponent('<script>alert(1)</script>'),
  '/author/' + encodeURIComponent('"><img src=x onerror=alert(1)>'),
  '/world/page/99999999999999999999',
  '/world/page/-1',
  '/world/page/1e3',
  '/world/page/0x10',
  `${article.path}/photos/1e2`,
  `${article.path}/photos/%31`,
  `${article.path}/photos/999999999999999999999`,
  '/_next/static/chunks/none.js',
  '/_next/data/none/index.json',
  '/_next/',
  '/_next/webpack-hmr',
  '/__nextjs_original-stack-frame?file=/etc/passwd',
  '/api/none',
  '/favicon.ico/../package.json',
  '/robots.txt%00',
  '/sitemap.xml/..',
  '//example.invalid/',
  '///etc/passwd',
  '/\\example.invalid',
  '/%5Cexample.invalid',
  '/./world/./',
  '/world/./' + article.slug,
  '/WORLD/' + article.slug.toUpperCase(),
  '/%F0%9F%92%A9',
  '/\u00e9',
  '/؟',
  '/world/' + encodeURIComponent('ش'.repeat(200)),
];

const QUERIES = [
  '?__proto__[x]=1',
  '?constructor.prototype.x=1',
  '?page=<script>alert(1)</script>',
  '?_rsc=',
  '?_rsc=../../etc/passwd',
  '?q=' + 'x'.repeat(6_000),
  '?' + Array.from({ length: 500 }, (_, i) => `k${i}=v`).join('&'),
  '?a=%00',
  '?a=%ff',
  '?a[]=1&a[]=2&a[b]=3',
  '?url=javascript:alert(1)',
  '?redirect=//example.invalid',
  '?next=https://example.invalid',
];

const HEADER_SETS: string[][] = [
  ['RSC: 1'],
  ['RSC: 1', 'Next-Router-State-Tree: not-json'],
  ['RSC: 1', 'Next-Router-State-Tree: %5B%22garbage'],
  ['RSC: 1', 'Next-Router-Prefetch: 1', 'Next-Router-Segment-Prefetch: /../../etc'],
  ['Next-Action: 0000000000000000000000000000000000000000'],
  ['Next-Action: x', 'Content-Type: text/plain;charset=UTF-8'],
  ['x-middleware-subrequest: middleware:middleware:middleware:middleware:middleware'],
  ['x-middleware-subrequest: src/middleware:src/middleware:src/middleware:src/middleware:src/middleware'],
  ['x-middleware-prefetch: 1'],
  ['x-nextjs-data: 1'],
  ['x-invoke-path: /etc/passwd'],
  ['x-invoke-output: /etc/passwd'],
  ['x-forwarded-host: example.invalid', 'x-forwarded-proto: javascript'],
  ['x-forwarded-for: ' + '1.1.1.1, '.repeat(500)],
  ['Accept-Encoding: ' + 'gzip, '.repeat(500)],
  ['Accept-Encoding: br;q=2, gzip;q=-1, *;q=abc'],
  ['Accept: ' + 'text/html;'.repeat(300)],
  ['Accept-Language: ' + 'en-GB,'.repeat(500)],
  ['Cookie: ' + 'a=b; '.repeat(1_000)],
  ['Range: bytes=0-0,1-1,2-2,3-3,4-4,5-5'],
  ['Range: bytes=999999999-'],
  ['Range: bytes=-1'],
  ['If-None-Match: ' + '"x", '.repeat(500)],
  ['If-Modified-Since: not a date'],
  ['If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT'],
  ['Content-Length: 5', 'Content-Type: application/json'],
  ['Origin: null'],
  ['Referer: javascript:alert(1)'],
  ['User-Agent: ' + 'A'.repeat(8_000)],
  ['User-Agent: () { :; }; echo vulnerable'],
  ['Transfer-Encoding: chunked'],
  ['Upgrade: websocket', 'Connection: Upgrade'],
  ['Expect: 100-continue'],
  ['Huge: ' + 'x'.repeat(20_000)],
  ['Huge: ' + 'x'.repeat(70_000)],
  Array.from({ length: 200 }, (_, i) => `X-Many-${i}: value`),
];

const METHODS = ['HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'TRACK', 'PROPFIND', 'MKCOL', 'LOCK', 'FOO', 'M-SEARCH'];

const BAD_HOSTS = ['', 'example.invalid', 'a'.repeat(3_000), 'localhost:99999', '[::1', '127.0.0.1:0', 'évil.example', 'host with space', 'host\tname', '"quoted"', '<script>'];

interface HostileCase {
  name: string;
  bytes: string | Buffer;
}

function cases(): HostileCase[] {
  const h = host();
  const list: HostileCase[] = [];
  for (const path of [...TRAVERSALS, ...ODD_PATHS]) list.push({ name: `GET ${path.slice(0, 80)}`, bytes: getRequest(path, h) });
  for (const base of ['/', article.path, '/world', '/tag/space']) {
    for (const query of QUERIES) list.push({ name: `GET ${base}${query.slice(0, 60)}`, bytes: getRequest(base + query, h) });
  }
  for (const base of ['/', article.path]) {
    HEADER_SETS.forEach((headers, i) => list.push({ name: `GET ${base} with header set ${i} (${headers[0].slice(0, 40)})`, bytes: getRequest(base, h, headers) }));
  }
  for (const base of ['/', article.path, '/no-such-page']) {
    for (const method of METHODS) {
      const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? ['Content-Length: 7', 'Content-Type: application/x-www-form-urlencoded'] : [];
      const bytes = getRequest(base, h, body, method) + (body.length ? 'a=1&b=2' : '');
      list.push({ name: `${method} ${base}`, bytes });
    }
  }
  for (const badHost of BAD_HOSTS) list.push({ name: `GET / with Host "${badHost.slice(0, 30)}"`, bytes: getRequest('/', badHost) });
  list.push({ name: 'no Host header', bytes: 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n' });
  list.push({ name: 'two Host headers', bytes: `GET / HTTP/1.1\r\nHost: ${h}\r\nHost: example.invalid\r\nConnection: close\r\n\r\n` });
  list.push({ name: 'HTTP/1.0 without Host', bytes: 'GET / HTTP/1.0\r\n\r\n' });
  list.push({ name: 'HTTP/0.9 style', bytes: 'GET /\r\n\r\n' });
  list.push({ name: 'absolute-form target', bytes: getRequest(`http://example.invalid${article.path}`, h) });
  list.push({ name: 'asterisk target', bytes: getRequest('*', h, [], 'OPTIONS') });
  list.push({ name: 'CONNECT', bytes: `CONNECT example.invalid:443 HTTP/1.1\r\nHost: example.invalid:443\r\n\r\n` });
  list.push({ name: 'raw invalid UTF-8 in path', bytes: Buffer.concat([Buffer.from('GET /world/'), Buffer.from([0xc0, 0xaf, 0xff, 0xfe]), Buffer.from(` HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`)]) });
  list.push({ name: 'raw NUL in path', bytes: Buffer.from(`GET /wor\u0000ld HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`, 'latin1') });
  list.push({ name: 'header without colon', bytes: `GET / HTTP/1.1\r\nHost: ${h}\r\nBroken header\r\nConnection: close\r\n\r\n` });
  list.push({ name: 'CRLF injection attempt in target', bytes: `GET /%0d%0aSet-Cookie:%20x=1 HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n` });
  list.push({ name: 'bare LF line endings', bytes: `GET / HTTP/1.1\nHost: ${h}\nConnection: close\n\n` });
  list.push({ name: 'chunked body with bad size', bytes: `POST / HTTP/1.1\r\nHost: ${h}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n` });
  list.push({ name: 'smuggling: CL and TE together', bytes: `POST / HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n` });
  list.push({ name: 'unknown HTTP version', bytes: `GET / HTTP/9.9\r\nHost: ${h}\r\nConnection: close\r\n\r\n` });
  return list;
}

describe('hostile requests against the production server', () => {
  it('has at least 200 cases', () => {
    expect(cases().length).toBeGreaterThanOrEqual(200);
  });

  it('answers every one with 2xx, 3xx or 4xx and leaks nothing from outside content/ and public/', async () => {
    const failures: string[] = [];
    for (const { name, bytes } of cases()) {
      let response;
      try {
        response = await rawRequest(baseUrl(), bytes);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
        continue;
      }
      // Node's HTTP parser may close a hopeless request (e.g. 70 KB of headers) after a 4xx or at once.
      if (response.status === 0 && response.body.length === 0 && response.head === '') continue;
      if (response.status < 200 || response.status >= 500) failures.push(`${name}: status ${response.status} (${response.head.split('\r\n')[0]})`);
      const text = response.body.toString('latin1');
      for (const marker of LEAK_MARKERS) if (text.includes(marker)) failures.push(`${name}: response contains ${JSON.stringify(marker)}`);
    }
    expect(failures).toEqual([]);
  });

  it('still serves pages normally afterwards', async () => {
    const response = await fetch(`${baseUrl()}${article.path}`);
    expect(response.status).toBe(200);
  });
});
