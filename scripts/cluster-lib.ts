/**
 * The scaled deployment on one machine (`npm run cluster`, its e2e tests, the cluster benchmark):
 * PostgreSQL, Redis and nginx in a temporary folder, the content folder loaded into PostgreSQL,
 * N production servers with DATABASE_URL and REDIS_URL behind nginx, all on loopback.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentLocations } from '../lib/content/locations';
import { migrate } from '../lib/store/migrate';
import { loadFolder } from '../lib/store/postgres';
import { createPool } from '../lib/store/postgres-connection';
import { ensurePackages, freePort, startNginx, startPostgres, startRedis, waitFor, type Postgres, type Service } from './services';
import { ALLOCATOR_ENV } from '../server/allocator';

export const root = path.resolve(__dirname, '..');

export interface Instance {
  url: string;
  port: number;
  pid(): number | undefined;
  /** Everything it printed. */
  log(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, no goodbye. */
  kill(): void;
  /** Starts it again on its port; resolves once it answers (it reads the current version before it listens). */
  start(): Promise<void>;
}

export interface Cluster {
  dir: string;
  postgres: Postgres;
  redis: Service;
  nginx: Service;
  instances: Instance[];
  /** What processes started by the cluster see: DATABASE_URL, REDIS_URL, PHOTOS_DIR. */
  env: Record<string, string>;
  envFile(): string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  instances: number;
  distDir?: string;
  lbPort?: number;
  /** Extra environment of the instances (SITE_URL, PUBLISH_TOKEN, ...). */
  env?: Record<string, string>;
  contentDir?: string;
  log?: (message: string) => void;
  /** Print each instance's log lines, prefixed with its port (npm run cluster). */
  echo?: boolean;
}

function startInstance(distDir: string, port: number, env: NodeJS.ProcessEnv, echo = false): Instance {
  let child: ChildProcess | undefined;
  let output = '';
  const url = `http://127.0.0.1:${port}`;
  const instance: Instance = {
    url,
    port,
    pid: () => child?.pid,
    log: () => output,
    kill: () => void child?.kill('SIGKILL'),
    stop: () =>
      new Promise((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
    async start() {
      const started = spawn(process.execPath, [path.join(root, distDir, 'newsbite-server', 'server', 'main.js')], {
        cwd: root,
        env: { ...ALLOCATOR_ENV, ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      const collect = (chunk: Buffer) => {
        output += chunk;
        if (echo) for (const line of chunk.toString().trimEnd().split('\n')) console.log(`[instance :${port}] ${line}`);
      };
      started.stdout?.on('data', collect);
      started.stderr?.on('data', collect);
      await waitFor(`instance ${url}`, async () => {
        if (started.exitCode !== null) throw Object.assign(new Error(`instance ${url} exited:`), { fatal: true });
        await fetch(`${url}/robots.txt`);
        return true;
      }, 90_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${output}`);
      });
    },
  };
  return instance;
}

/** Builds into distDir with `npm run build` unless a complete build is there already. */
function ensureBuild(distDir: string, env: NodeJS.ProcessEnv, log: (message: string) => void): void {
  if (fs.existsSync(path.join(root, distDir, 'BUILD_ID')) && fs.existsSync(path.join(root, distDir, 'newsbite-server', 'server', 'main.js'))) return;
  log(`building into ${distDir} (npm run build)...`);
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...env, NEXT_DIST_DIR: distDir } });
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? ((message: string) => console.log(message));
  const distDir = options.distDir ?? process.env.NEXT_DIST_DIR ?? '.next';
  ensurePackages(log);
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: distDir, ...options.env };
  ensureBuild(distDir, baseEnv, log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-cluster-'));
  const stoppers: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const stopper of stoppers.splice(0).reverse()) {
      try {
        await stopper();
      } catch (error) {
        log(`cluster: stopping: ${(error as Error).message}`);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const dirs = contentLocations(options.contentDir ? { ...process.env, CONTENT_DIR: options.contentDir } : process.env);
    const postgres = await startPostgres(dir);
    stoppers.push(() => postgres.stop());
    log(`cluster: PostgreSQL on ${postgres.url} (data in ${postgres.dataDir})`);
    const pool = createPool(postgres.url, 1);
    try {
      await migrate(pool, undefined, log);
      const { version, articles } = await loadFolder(pool, dirs);
      log(`cluster: loaded ${articles} articles from ${dirs.contentDir} (store version ${version})`);
    } finally {
      await pool.end();
    }
    const redis = await startRedis(dir);
    stoppers.push(() => redis.stop());
    log(`cluster: Redis on ${redis.url}`);
    const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url, PHOTOS_DIR: dirs.photosDir };
    const instances: Instance[] = [];
    for (let i = 0; i < options.instances; i++) {
      const instance = startInstance(distDir, await freePort(), { ...baseEnv, ...env, CONTENT_POLL_SECONDS: process.env.CONTENT_POLL_SECONDS ?? '2' }, options.echo);
      instances.push(instance);
      stoppers.push(() => instance.stop());
    }
    // One at a time: first renders and Next's start are CPU-bound on a small machine.
    for (const instance of instances) {
      await instance.start();
      log(`cluster: instance ${instance.url} (pid ${instance.pid()})`);
    }
    const nginx = await startNginx(dir, instances.map((instance) => `127.0.0.1:${instance.port}`), options.lbPort);
    stoppers.push(() => nginx.stop());
    await waitFor('the load balancer', async () => (await fetch(`${nginx.url}/`)).status === 200);
    log(`cluster: nginx on ${nginx.url}`);
    const envFile = () =>
      [
        `LB_URL=${nginx.url}`,
        `INSTANCE_URLS="${instances.map((instance) => instance.url).join(' ')}"`,
        `INSTANCE_PIDS="${instances.map((instance) => instance.pid()).join(' ')}"`,
        `DATABASE_URL=${postgres.url}`,
        `REDIS_URL=${redis.url}`,
        `PHOTOS_DIR=${dirs.photosDir}`,
        '',
      ].join('\n');
    return { dir, postgres, redis, nginx, instances, env, envFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
