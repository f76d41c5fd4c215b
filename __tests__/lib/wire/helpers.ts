import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadContent } from '@/lib/content/catalogue';
import { FolderStore, parseArticleFile } from '@/lib/content/store';
import type { SiteContent } from '@/lib/content/types';
import { importJsonText, type ImportOptions, type ImportResult } from '@/lib/wire/import';
import { DEFAULT_PICTURE_LIMITS, type PictureLimits } from '@/lib/wire/pictures';

const root = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(root, '__tests__', 'fixtures', 'ninjs');

/** A scratch site: the real sections, authors and wire.yml, no articles, an empty photos folder. */
export function makeSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-wire-'));
  const contentDir = path.join(dir, 'content');
  const photosDir = path.join(contentDir, 'photos');
  fs.mkdirSync(photosDir, { recursive: true });
  for (const file of ['sections.yml', 'wire.yml']) fs.copyFileSync(path.join(root, 'content', file), path.join(contentDir, file));
  fs.cpSync(path.join(root, 'content', 'authors'), path.join(contentDir, 'authors'), { recursive: true });
  const dirs = { contentDir, photosDir };
  return {
    dir,
    dirs,
    store: new FolderStore(dirs),
    /** The whole folder through the site's own loader: throws a ContentError if anything would not load. */
    load: (): SiteContent => loadContent(dirs),
    articleFiles: (): string[] =>
      fs.existsSync(path.join(contentDir, 'articles'))
        ? (fs.readdirSync(path.join(contentDir, 'articles'), { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.md')).sort()
        : [],
    photoFiles: (): string[] => fs.readdirSync(photosDir).filter((f) => !f.startsWith('.')).sort(),
    read: (file: string) => parseArticleFile(file, fs.readFileSync(path.join(contentDir, file), 'utf8')),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export type Site = ReturnType<typeof makeSite>;

/** A fixture's text with {{PICTURES}} and {{UNREACHABLE}} replaced by test servers' addresses. */
export function fixture(name: string, vars: Record<string, string> = {}): string {
  let text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  for (const [key, value] of Object.entries(vars)) text = text.replaceAll(`{{${key}}}`, value);
  return text;
}

export const TEST_LIMITS: PictureLimits = { ...DEFAULT_PICTURE_LIMITS, allowPrivateNetwork: true, timeoutMs: 3_000 };

/** Imports one fixture file (one document or an array) into the site. */
export async function importFixture(site: Site, name: string, options: Partial<ImportOptions> & { vars?: Record<string, string> } = {}): Promise<ImportResult[]> {
  const { vars, ...rest } = options;
  return importJsonText(fixture(name, vars), name, { store: site.store, limits: TEST_LIMITS, ...rest });
}

export async function jpeg(width: number, height: number, colour = '#3366aa'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();
}

export interface PictureServer {
  base: string;
  requests: string[];
  close: () => Promise<void>;
}

/** Pictures (and things that are not) on 127.0.0.1, for the fetcher. */
export async function startPictureServer(): Promise<PictureServer> {
  const files: Record<string, { type: string; body: Buffer }> = {
    '/ferry-large.jpg': { type: 'image/jpeg', body: await jpeg(3000, 2000, '#224466') },
    '/ferry-small.jpg': { type: 'image/jpeg', body: await jpeg(320, 213, '#224466') },
    '/swans.jpg': { type: 'image/jpeg', body: await jpeg(1600, 1067, '#dddddd') },
    '/hide.jpg': { type: 'image/jpeg', body: await jpeg(1200, 800, '#775533') },
    '/heron.jpg': { type: 'image/jpeg', body: await jpeg(1600, 1067, '#889988') },
    '/page.html': { type: 'text/html; charset=utf-8', body: Buffer.from('<!doctype html><title>Not a picture</title>') },
    '/garbage.jpg': { type: 'image/jpeg', body: Buffer.from('this is not a JPEG at all, only text pretending') },
  };
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    requests.push(url);
    if (url === '/redirect.jpg') {
      response.writeHead(302, { location: '/ferry-large.jpg' }).end();
      return;
    }
    if (url === '/slow.jpg') return; // never answers
    if (url === '/huge.jpg') {
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(500 * 1024 * 1024) });
      response.write(Buffer.alloc(1024));
      return;
    }
    if (url === '/endless.jpg') {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (response.write(chunk));
        response.once('drain', pump);
      };
      pump();
      response.on('error', () => undefined);
      return;
    }
    const file = files[url];
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'content-length': String(file.body.length) }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An address where nothing listens (a port taken and released). */
export async function unreachableBase(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** A fixed clock: 2026-11-25T00:00:00Z, after every fixture's first version and before the embargo lifts. */
export const NOW = Date.parse('2026-11-25T00:00:00Z');
