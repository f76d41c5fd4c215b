import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const E2E_PUBLIC_ORIGIN = 'https://newsbite.example';
const root = path.resolve(__dirname, '..', '..', '..');
const nextBin = path.join(root, 'node_modules', '.bin', 'next');

export interface SiteBuild {
  distDir: string;
  env: NodeJS.ProcessEnv;
}

/** Builds the site into its own dist folder so a developer's .next is left alone. */
export function buildSite(distDir: string, extraEnv: Record<string, string> = {}): SiteBuild {
  const build = siteBuild(distDir, extraEnv);
  const reuse = process.env.E2E_REUSE_BUILD === '1' && fs.existsSync(path.join(root, distDir, 'BUILD_ID'));
  if (!reuse) run('next build', nextBin, ['build'], build.env);
  // What `npm run build` does after next build: compile the production server into the build
  // (build:server writes to $NEXT_DIST_DIR/newsbite-server).
  run('compiling the production server', 'npm', ['run', 'build:server'], build.env);
  return build;
}

/** The environment a build in distDir was made with, to start servers on it without building. */
export function siteBuild(distDir: string, extraEnv: Record<string, string> = {}): SiteBuild {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: distDir,
    SITE_URL: E2E_PUBLIC_ORIGIN,
    SITE_INDEXABLE: 'true',
    ...extraEnv,
  };
  return { distDir, env };
}

function run(what: string, bin: string, args: string[], env: NodeJS.ProcessEnv): void {
  try {
    execFileSync(bin, args, { cwd: root, env, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${what} failed:\n${stdout?.toString() ?? ''}\n${stderr?.toString() ?? ''}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resolves once url answers; throws, with output() attached, if the server exits or 60 s pass. */
export async function waitUntilUp(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the server exited early:\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`the server did not answer within 60 s:\n${output()}`);
}

/**
 * Starts the production server (`npm start`: server/main.ts) on a free port and resolves once it
 * answers; `next-start` starts plain `next start` on the same build, to compare with.
 */
export async function startSite(
  build: SiteBuild,
  kind: 'production' | 'next-start' = 'production',
): Promise<{ baseUrl: string; server: ChildProcess }> {
  const port = await freePort();
  const [command, args] =
    kind === 'production'
      ? [process.execPath, [path.join(root, build.distDir, 'newsbite-server', 'server', 'main.js')]]
      : [nextBin, ['start', '-p', String(port), '-H', '127.0.0.1']];
  const server = spawn(command, args, {
    cwd: root,
    env: { ...build.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout?.on('data', (chunk) => (log += chunk));
  server.stderr?.on('data', (chunk) => (log += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(baseUrl, server, () => log);
  } catch (error) {
    // A server that never came up is not left running.
    server.kill('SIGKILL');
    throw error;
  }
  return { baseUrl, server };
}
