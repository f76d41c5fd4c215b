/**
 * Shared pieces of the serving and build benchmarks (not tests): building, starting the
 * production server, wrk runs and the machine description written beside the figures.
 */
import { execFile, execFileSync, execSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSite, type SiteBuild } from '../__tests__/e2e/setup/server';

export const root = path.resolve(__dirname, '..');

export function ensureWrk(): void {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk prints its version and exits 1; only a missing binary is a problem.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    console.log('installing wrk (Debian package)...');
    execSync('apt-get install -y wrk', { stdio: 'inherit' });
  }
}

/** `npm run build` into distDir (next build, then the production server compiled into it). */
export function build(distDir: string, env: Record<string, string> = {}): void {
  execSync('npm run build', {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: distDir, ...env },
  });
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop: () => void;
}

/** Starts `npm start`'s server (or `next start`) on a free port and waits until it answers. */
export async function startServer(
  distDir: string,
  kind: 'production' | 'next-start' = 'production',
  env: Record<string, string> = {},
): Promise<RunningServer> {
  // Built by hand rather than with siteBuild(), which would force the e2e SITE_URL on benchmarks.
  const build: SiteBuild = {
    distDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: distDir, ...env },
  };
  const { baseUrl, server } = await startSite(build, kind);
  // startSite captures the output; keep showing the server's errors while the benchmark runs.
  server.stderr?.pipe(process.stderr);
  return { url: baseUrl, process: server, stop: () => server.kill('SIGTERM') };
}

/**
 * The p-th percentile of values (in any order), nearest rank: the smallest value with at least
 * p % of the values at or below it. Used by the live-publishing and cluster benchmarks.
 */
export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

/**
 * The p-th percentile of values already sorted ascending: the value at index floor(p % of the
 * count). Used by the search and share-card benchmarks.
 */
export const percentileOfSorted = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Resident set size of a process in MB (Linux); `VmHWM` for its peak so far. */
export function residentMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
}

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

function milliseconds(value: string): number {
  const [, number, unit] = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim())!;
  return Number(number) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit as 'us' | 'ms' | 's' | 'm'];
}

export function parseWrk(output: string): WrkResult {
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)![1]),
    p50Ms: milliseconds(/\s50%\s+(\S+)/.exec(output)![1]),
    p99Ms: milliseconds(/\s99%\s+(\S+)/.exec(output)![1]),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    errors: socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

export interface WrkOptions {
  connections: number;
  seconds: number;
  headers?: string[];
  script?: string;
  /** Seconds after which wrk gives up on a request and counts a timeout (wrk's default: 2). */
  timeoutSeconds?: number;
}

/** wrk's arguments: 1 thread for a single connection, 2 (one per core) otherwise. */
function wrkArgs(url: string, options: WrkOptions): string[] {
  return [
    `-t${Math.min(options.connections, 2)}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    ...(options.timeoutSeconds ? ['--timeout', `${options.timeoutSeconds}s`] : []),
    ...(options.headers ?? []).flatMap((h) => ['-H', h]),
    ...(options.script ? ['-s', options.script] : []),
    url,
  ];
}

/** One wrk run. */
export function wrk(url: string, options: WrkOptions): WrkResult {
  return parseWrk(execFileSync('wrk', wrkArgs(url, options), { encoding: 'utf8' }));
}

/** One wrk run that leaves the event loop free (for a benchmark that changes content meanwhile). */
export function wrkAsync(url: string, options: WrkOptions): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    execFile('wrk', wrkArgs(url, options), { encoding: 'utf8' }, (error, stdout) => {
      if (error) reject(error);
      else resolve(parseWrk(stdout));
    });
  });
}

/** The commit measured: its short hash, noting uncommitted changes. */
export function commitMeasured(): string {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8' }).trim();
    if (execSync('git status --porcelain', { cwd: root, encoding: 'utf8' }).trim()) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  return commit;
}

export function machine(): string {
  const cpus = os.cpus();
  return [
    `- Machine: ${cpus.length} × ${cpus[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}`,
    `- Node ${process.version}, next ${JSON.parse(fs.readFileSync(path.join(root, 'node_modules/next/package.json'), 'utf8')).version}`,
    `- Commit ${commitMeasured()}, measured ${new Date().toISOString()}`,
    `- Load average (1, 5, 15 min) at the end of the run: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} (other work on the machine skews absolute figures; ratios are measured in the same run)`,
  ].join('\n');
}
