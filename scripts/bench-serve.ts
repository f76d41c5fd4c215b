/**
 * Serving benchmark (not a test). Builds once, starts the production server, plain `next start`
 * on the same build, and a bare node:http server that sends the exact bytes and headers the
 * production server sent for each page; then measures all three with wrk at 1 and 50
 * connections, with and without Accept-Encoding, and the server's memory under 60 s of load.
 *
 *   npm run bench            (add -- --reuse to skip the build when the build folder exists)
 *
 * Targets (issue 6): the article at >= 25 % of the bare server's req/s, p99 <= 25 ms at 50
 * connections, compressed no slower; resident memory after 60 s of load <= 120 % of warm.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getContent } from '../lib/content/repository';
import { freePort, waitUntilUp } from '../__tests__/e2e/setup/server';
import { request } from '../__tests__/helpers/http';
import { tagPath } from '../lib/paths';
import { build, ensureWrk, machine, residentMb, root, startServer, wrk, type WrkResult } from './bench-lib';

const distDir = process.env.NEXT_DIST_DIR ?? '.next-bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SOAK_SECONDS = 60;
const ENCODINGS = [
  { label: 'identity', header: undefined },
  { label: 'gzip, br', header: 'Accept-Encoding: gzip, deflate, br' },
] as const;

interface Recorded {
  status: number;
  rawHeaders: string[];
  body: string; // base64
}

async function record(url: string, acceptEncoding?: string): Promise<Recorded> {
  const { status, rawHeaders, body } = await request(url, acceptEncoding ? { 'accept-encoding': acceptEncoding } : {});
  return { status, rawHeaders, body: body.toString('base64') };
}

/** A node:http server that only replays recorded responses: the ceiling for any Node server. */
const BARE_SERVER = `
const http = require('node:http');
const pages = JSON.parse(require('node:fs').readFileSync(process.env.BARE_PAGES, 'utf8'));
const drop = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
for (const page of Object.values(pages)) for (const r of Object.values(page)) {
  r.body = Buffer.from(r.body, 'base64');
  r.headers = r.rawHeaders.filter((_, i) => !drop.has(r.rawHeaders[i - (i % 2)].toLowerCase()));
}
http.createServer((req, res) => {
  const page = pages[req.url];
  if (!page) { res.writeHead(404); return res.end(); }
  const ae = req.headers['accept-encoding'] || '';
  const r = (ae.includes('br') && page.br) || (ae.includes('gzip') && page.gzip) || page.identity;
  res.writeHead(r.status, r.headers);
  res.end(r.body);
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

async function startBare(pages: Record<string, Record<string, Recorded>>) {
  const file = path.join(os.tmpdir(), `newsbite-bare-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(pages));
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { env: { ...process.env, PORT: String(port), BARE_PAGES: file }, stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, () => '(its output went to this terminal)');
  return { url, stop: () => (child.kill('SIGTERM'), fs.rmSync(file, { force: true })) };
}

/** A wrk Lua script cycling through paths, alternating plain and compressed requests. */
function mixScript(paths: string[]): string {
  const file = path.join(os.tmpdir(), `newsbite-mix-${process.pid}.lua`);
  fs.writeFileSync(
    file,
    `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local i = 0
request = function()
  i = i + 1
  local headers = {}
  if i % 2 == 0 then headers["Accept-Encoding"] = "gzip, br" end
  if i % 7 == 0 then headers["RSC"] = "1" end
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end
`,
  );
  return file;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  ensureWrk();
  if (!(process.argv.includes('--reuse') && fs.existsSync(path.join(root, distDir, 'BUILD_ID')))) build(distDir);

  const content = getContent();
  const article = content.articles.find((a) => a.gallery.length > 0)!;
  const production = await startServer(distDir, 'production');
  const nextStart = await startServer(distDir, 'next-start');

  const articleHtml = await (await fetch(`${production.url}${article.path}`)).text();
  const ogImage = /<meta property="og:image" content="([^"]+)"/.exec(articleHtml)?.[1];
  const targets: [string, string][] = [
    ['article', article.path],
    ['home page', '/'],
    ...(ogImage ? [['OG card (article)', new URL(ogImage).pathname + new URL(ogImage).search] as [string, string]] : []),
  ];

  // The bare server replays exactly what the production server sent, per encoding.
  const pages: Record<string, Record<string, Recorded>> = {};
  for (const [, target] of targets) {
    pages[target] = {
      identity: await record(`${production.url}${target}`),
      gzip: await record(`${production.url}${target}`, 'gzip'),
      br: await record(`${production.url}${target}`, 'br'),
    };
  }
  const bare = await startBare(pages);

  const rows: string[] = [];
  const verdicts: string[] = [];
  /** The article's req/s at 50 connections, per encoding in ENCODINGS order (identity first). */
  const articleRps: number[] = [];
  for (const [name, target] of targets) {
    for (const encoding of ENCODINGS) {
      for (const connections of [1, 50]) {
        const headers = encoding.header ? [encoding.header] : [];
        const run = (url: string) => {
          wrk(`${url}${target}`, { connections, seconds: 2, headers }); // warm-up
          return wrk(`${url}${target}`, { connections, seconds: SECONDS, headers });
        };
        const ours = run(production.url);
        const baseline = run(bare.url);
        const plainNext = name === 'article' ? run(nextStart.url) : undefined;
        const ratio = ours.requestsPerSecond / baseline.requestsPerSecond;
        const cell = (r: WrkResult) => `${fmt(r.requestsPerSecond)} req/s, p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms`;
        const row = `| ${name} | ${encoding.label} | ${connections} | ${cell(ours)} | ${cell(baseline)} | **${fmt(ratio * 100, 1)} %** | ${plainNext ? `${cell(plainNext)} (${fmt((plainNext.requestsPerSecond / baseline.requestsPerSecond) * 100, 1)} %)` : ''} |`;
        rows.push(row);
        console.log(row);
        if (name === 'article' && connections === 50) {
          articleRps.push(ours.requestsPerSecond);
          verdicts.push(`- article, ${encoding.label}, 50 connections: ${fmt(ratio * 100, 1)} % of bare (target >= 25 %): ${ratio >= 0.25 ? 'met' : 'MISSED'}`);
          verdicts.push(`- article, ${encoding.label}, 50 connections: p99 ${fmt(ours.p99Ms, 2)} ms (target <= 25 ms): ${ours.p99Ms <= 25 ? 'met' : 'MISSED'}`);
        }
      }
    }
  }
  const [identityRps, compressedRps] = articleRps;
  verdicts.push(
    `- compressed article no slower: ${fmt(compressedRps)} vs ${fmt(identityRps)} req/s identity: ${compressedRps >= identityRps * 0.95 ? 'met' : 'MISSED'}`,
  );

  // Memory: warm the server over every page kind, then 60 s of mixed load.
  const mix = mixScript([
    '/',
    ...content.sections.map((s) => `/${s.slug}`),
    ...content.articles.map((a) => a.path),
    ...content.tags.slice(0, 20).map((t) => tagPath(t.slug)),
    '/world/no-such-story',
    '/nope.php',
    ...(ogImage ? [new URL(ogImage).pathname] : []),
  ]);
  wrk(production.url, { connections: 50, seconds: 15, script: mix });
  const warm = residentMb(production.process.pid!);
  const soak = wrk(production.url, { connections: 50, seconds: SOAK_SECONDS, script: mix });
  const after = residentMb(production.process.pid!);
  const growth = after / warm - 1;
  verdicts.push(
    `- memory: ${fmt(warm)} MB resident after warm-up, ${fmt(after)} MB after ${SOAK_SECONDS} s of mixed load at 50 connections ` +
      `(${fmt(soak.requestsPerSecond)} req/s, ${soak.errors} socket errors): ${growth >= 0 ? '+' : ''}${fmt(growth * 100, 1)} % (target <= +20 %): ${growth <= 0.2 ? 'met' : 'MISSED'}`,
  );

  production.stop();
  nextStart.stop();
  bare.stop();
  fs.rmSync(mix, { force: true });

  const report = [
    '# Serving benchmark',
    '',
    'Measured by `npm run bench` (scripts/bench-serve.ts): wrk against the production server',
    '(`npm start`, server/main.ts), a bare `node:http` server replaying the exact bytes and headers the',
    'production server sent for the same URL and encoding (the ceiling for any Node server), and',
    `plain \`next start\` on the same build for the article. ${SECONDS} s per cell after a 2 s warm-up;`,
    'wrk uses one thread for 1 connection and two for 50; server and wrk share the machine.',
    '',
    machine(),
    '',
    '## Targets',
    '',
    ...verdicts,
    '',
    '## Results',
    '',
    '| page | Accept-Encoding | connections | production server | bare node:http | production / bare | next start (/ bare) |',
    '| --- | --- | ---: | --- | --- | ---: | --- |',
    ...rows,
    '',
  ].join('\n');
  console.log(`\n${verdicts.join('\n')}`);
  if (process.argv.includes('--write')) {
    const file = path.join(root, 'docs', 'benchmarks', 'serving.md');
    // Sections measured by other scripts ("## Uncached renders", scripts/uncached-renders.mjs) are kept.
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const kept = previous.indexOf('\n## Uncached renders');
    fs.writeFileSync(file, kept === -1 ? report : `${report}${previous.slice(kept)}`);
    console.log(`written to ${path.relative(root, file)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
