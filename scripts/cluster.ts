/**
 * NewsBite scaled out on this machine, on loopback:
 *
 *   npm run cluster -- --instances N [--port LB_PORT]
 *
 * Installs postgresql, redis-server and nginx from Debian if missing, starts them with their
 * data in a temporary folder, loads the content folder into PostgreSQL, starts N production
 * servers (DATABASE_URL, REDIS_URL) behind nginx, and when everything answers writes
 * .cluster/env (LB_URL, INSTANCE_URLS, INSTANCE_PIDS, DATABASE_URL, REDIS_URL). SIGINT or SIGTERM
 * stops every process it started and removes the file. Builds first (npm run build) if the
 * build folder (NEXT_DIST_DIR, .next) has no build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { root, startCluster } from './cluster-lib';

function option(name: string, fallback?: number): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number`);
  return value;
}

async function main() {
  const instances = option('instances', 2)!;
  const envFile = path.join(root, '.cluster', 'env');
  const cluster = await startCluster({ instances, lbPort: option('port'), echo: true });
  fs.mkdirSync(path.dirname(envFile), { recursive: true });
  fs.writeFileSync(envFile, cluster.envFile());
  console.log(`cluster: ready with ${instances} instance(s) behind ${cluster.nginx.url}; wrote ${path.relative(process.cwd(), envFile)}; Ctrl-C stops it`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`cluster: ${signal}, stopping everything it started...`);
    fs.rmSync(envFile, { force: true });
    void cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`cluster: ${error.message}`);
  process.exit(1);
});
