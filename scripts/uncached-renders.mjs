/**
 * Uncached renders (docs/benchmarks/serving.md, "Uncached renders"): requests stories never requested
 * before from a running production server, for a bounded time, and reports renders/s, latency and
 * the server process's CPU per render (/proc/<pid>/stat, all its threads). The `window` it prints is
 * in the monotonic clock of `node --cpu-prof` profiles, to keep only the samples of the run.
 *
 *   node scripts/uncached-renders.mjs <origin> <server pid> <content dir> <first story> <seconds> <connections>
 *
 * Stories are the generated-N files of scripts/synthetic-site.ts, taken in order from <first story>.
 */
// reports renders/s, latencies and the server's CPU per render (/proc/<pid>/stat).
import fs from 'node:fs';
import http from 'node:http';
const [base, pid, dir, offsetArg, secondsArg, connArg] = process.argv.slice(2);
const offset = Number(offsetArg), seconds = Number(secondsArg), conns = Number(connArg);
const files = fs.readdirSync(`${dir}/articles`).sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
const paths = [];
for (const f of files.slice(offset)) {
  const text = fs.readFileSync(`${dir}/articles/${f}`, 'utf8');
  paths.push(`/${text.match(/^section: (\S+)$/m)[1]}/${f.replace(/\.md$/, '')}`);
}
const cpu = () => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const agent = new http.Agent({ keepAlive: true, maxSockets: conns });
let next = 0; const lat = []; const statuses = {}; let bytes = 0;
const get = (p) => new Promise((resolve) => { const t = performance.now(); http.get(base + p, { agent, headers: { 'accept-encoding': 'br, gzip' } }, (res) => { res.on('data', (c) => (bytes += c.length)); res.on('end', () => { statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1; lat.push(performance.now() - t); resolve(); }); }).on('error', () => resolve()); });
const cpu0 = cpu(); const mono0 = process.hrtime.bigint() / 1000n; const t0 = performance.now(); const end = t0 + seconds * 1000;
await Promise.all(Array.from({ length: conns }, async () => { while (performance.now() < end && next < paths.length) await get(paths[next++]); }));
const elapsed = (performance.now() - t0) / 1000; const cpuMs = cpu() - cpu0; const mono1 = process.hrtime.bigint() / 1000n;
lat.sort((a, b) => a - b); const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(1);
console.log(JSON.stringify({ connections: conns, requests: lat.length, next: offset + next, rps: +(lat.length / elapsed).toFixed(1), p50: q(0.5), p99: q(0.99), cpuMsPerRender: +(cpuMs / lat.length).toFixed(1), statuses, kbPer: +(bytes / lat.length / 1024).toFixed(1), window: `${mono0}-${mono1}` }));
agent.destroy();
