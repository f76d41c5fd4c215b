/**
 * The services of the scaled deployment, started on this machine on loopback with their data
 * in a temporary folder: PostgreSQL 15 (as its `postgres` system user: it refuses to run as
 * root), Redis and nginx, from Debian's packages. Used by `npm run cluster`, its tests and the
 * cluster benchmark. Every process started here is stopped by PID.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../__tests__/e2e/setup/server';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const DEBIAN_PACKAGES: Record<string, string> = {
  [path.join(PG_BIN, 'postgres')]: 'postgresql',
  '/usr/bin/redis-server': 'redis-server',
  '/usr/sbin/nginx': 'nginx',
};

/** Installs postgresql, redis-server and nginx from Debian if any is missing (root only). */
export function ensurePackages(log: (message: string) => void = console.log): void {
  const missing = [...new Set(Object.entries(DEBIAN_PACKAGES).filter(([bin]) => !fs.existsSync(bin)).map(([, pkg]) => pkg))];
  if (!missing.length) return;
  log(`installing ${missing.join(', ')} (Debian packages)...`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export { freePort };

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      // An error marked fatal (the process being waited for exited) will not get better by waiting.
      if ((error as { fatal?: unknown } | null)?.fatal === true) throw error;
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const asPostgres = (bin: string, args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args], { stdio: 'pipe' });

export interface Postgres {
  url: string;
  port: number;
  dataDir: string;
  pid(): number | undefined;
  /** pg_ctl stop -m fast: connections are cut, as in an outage. */
  stop(): void;
  start(): Promise<void>;
}

/** A PostgreSQL cluster in `dir` (made and owned by the postgres user), database newsbite, on 127.0.0.1. */
export async function startPostgres(dir: string, port?: number): Promise<Postgres> {
  port ??= await freePort();
  const dataDir = path.join(dir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
  asPostgres('initdb', ['-D', dataDir, '-U', 'newsbite', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const url = `postgres://newsbite@127.0.0.1:${port}/newsbite`;
  const postgres: Postgres = {
    url,
    port,
    dataDir,
    pid() {
      try {
        return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return undefined;
      }
    },
    stop() {
      if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
    async start() {
      asPostgres('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dataDir, 'server.log'), '-w', 'start']);
      try {
        await waitFor('PostgreSQL', async () => {
          const client = new Client({ connectionString: `postgres://newsbite@127.0.0.1:${port}/postgres` });
          await client.connect();
          await client.end();
          return true;
        });
      } catch (error) {
        stopAfterFailure();
        throw error;
      }
    },
  };
  /** Stops a cluster that started but could not be used; the error that got us here is the one reported. */
  const stopAfterFailure = () => {
    try {
      postgres.stop();
    } catch {
      // the original error matters more
    }
  };
  await postgres.start();
  try {
    const admin = new Client({ connectionString: `postgres://newsbite@127.0.0.1:${port}/postgres` });
    try {
      await admin.connect();
      await admin.query('CREATE DATABASE newsbite');
    } finally {
      await admin.end();
    }
  } catch (error) {
    stopAfterFailure();
    throw error;
  }
  return postgres;
}

export interface Service {
  url: string;
  port: number;
  pid(): number | undefined;
  stop(): Promise<void>;
  start(): Promise<void>;
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/** redis-server on 127.0.0.1, no persistence (a cache), with keyspace expiry as a cache wants. */
export async function startRedis(dir: string, port?: number): Promise<Service> {
  const redisPort = port ?? (await freePort());
  const dataDir = path.join(dir, 'redis');
  fs.mkdirSync(dataDir, { recursive: true });
  let child: ChildProcess | undefined;
  const service: Service = {
    url: `redis://127.0.0.1:${redisPort}`,
    port: redisPort,
    pid: () => child?.pid,
    stop: () => stopChild(child),
    async start() {
      const logFd = fs.openSync(path.join(dataDir, 'redis.log'), 'a');
      try {
        child = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '', '--appendonly', 'no', '--maxmemory', '256mb', '--maxmemory-policy', 'allkeys-lru'], {
          stdio: ['ignore', logFd, 'inherit'],
        });
      } finally {
        // The child has its own copy of the descriptor.
        fs.closeSync(logFd);
      }
      try {
        await waitFor('Redis', () => canConnect(redisPort));
      } catch (error) {
        await stopChild(child);
        throw error;
      }
    },
  };
  await service.start();
  return service;
}

/** The nginx configuration from its template (deploy/nginx.conf.template), for this machine's instances. */
function nginxConfig(options: { prefix: string; port: number; upstreams: string[] }): string {
  const template = fs.readFileSync(path.resolve(__dirname, '..', 'deploy', 'nginx.conf.template'), 'utf8');
  return template
    .replaceAll('@PREFIX@', options.prefix)
    .replaceAll('@LISTEN@', `127.0.0.1:${options.port}`)
    .replaceAll('@UPSTREAMS@', options.upstreams.map((address) => `    server ${address} max_fails=1 fail_timeout=2s;`).join('\n'));
}

/** nginx in the foreground (so its PID is ours), with its temporary files in `dir`. */
export async function startNginx(dir: string, upstreams: string[], port?: number): Promise<Service> {
  const lbPort = port ?? (await freePort());
  const prefix = path.join(dir, 'nginx');
  for (const sub of ['cache', 'tmp/body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi']) fs.mkdirSync(path.join(prefix, sub), { recursive: true });
  // nginx started as root runs its worker as `nobody`, which writes the cache and temporary files.
  fs.chmodSync(dir, 0o755);
  execFileSync('chown', ['-R', 'nobody:nogroup', path.join(prefix, 'cache'), path.join(prefix, 'tmp')]);
  const config = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(config, nginxConfig({ prefix, port: lbPort, upstreams }));
  execFileSync('nginx', ['-t', '-q', '-p', prefix, '-c', config, '-e', path.join(prefix, 'error.log')], { stdio: 'pipe' });
  let child: ChildProcess | undefined;
  const service: Service = {
    url: `http://127.0.0.1:${lbPort}`,
    port: lbPort,
    pid: () => child?.pid,
    stop: () => stopChild(child),
    async start() {
      child = spawn('nginx', ['-p', prefix, '-c', config, '-e', path.join(prefix, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
      try {
        await waitFor('nginx', () => canConnect(lbPort));
      } catch (error) {
        await stopChild(child);
        throw error;
      }
    },
  };
  await service.start();
  return service;
}
