import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { siteBuild, startSite } from '../setup/server';

const root = path.resolve(__dirname, '..', '..', '..');

export interface LiveSite {
  baseUrl: string;
  server: ChildProcess;
  contentDir: string;
  /** Everything the server printed so far. */
  log: () => string;
  stop: () => void;
}

/**
 * A second production server on the e2e build, reading a writable copy of the content folder
 * (photos shared, unless a test writes photos too): what editors, deploys and importers change
 * while it runs.
 */
export async function startLiveSite(env: Record<string, string> = {}, { copyPhotos = false } = {}): Promise<LiveSite> {
  const contentDir = copyContentFolder({ copyPhotos });
  const { baseUrl, server } = await startSite(siteBuild(process.env.E2E_DIST_DIR ?? '.next-e2e', { CONTENT_DIR: contentDir, ...env }));
  let output = '';
  server.stdout?.on('data', (chunk) => (output += chunk));
  server.stderr?.on('data', (chunk) => (output += chunk));
  return {
    baseUrl,
    server,
    contentDir,
    log: () => output,
    stop: () => {
      server.kill('SIGTERM');
      fs.rmSync(contentDir, { recursive: true, force: true });
    },
  };
}

/** A writable copy of the site's content folder in a temporary folder; photos linked unless copied. */
export function copyContentFolder({ copyPhotos = false } = {}): string {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-live-site-'));
  for (const entry of ['sections.yml', 'wire.yml', 'authors', 'articles', 'live']) {
    fs.cpSync(path.join(root, 'content', entry), path.join(contentDir, entry), { recursive: true });
  }
  if (copyPhotos) fs.cpSync(path.join(root, 'content', 'photos'), path.join(contentDir, 'photos'), { recursive: true });
  else fs.symlinkSync(path.join(root, 'content', 'photos'), path.join(contentDir, 'photos'));
  return contentDir;
}

/** Polls `check` until it holds; resolves with the milliseconds it took, rejects after `ms`. */
export async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not true within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Writes a file the way editors' tools and rsync do: a temporary name, then a rename. */
export function saveAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}
