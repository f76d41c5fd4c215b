/**
 * NewsBite's production server (`npm start`): Next's own request handler, embedded, behind the
 * live content version, an in-memory fast path for content documents and encoded images, and
 * a per-document Content-Security-Policy.
 * See docs/architecture/production-server.md.
 *
 * `npm run build` compiles this file into <build folder>/newsbite-server/, so it always runs
 * against the build it sits in.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import v8 from 'node:v8';
import next, { type NextConfig } from 'next';
import { PHASE_PRODUCTION_SERVER } from 'next/constants';
import nextConfig from '../next.config';
import { startLiveContent } from '../lib/content/live';
import { rankRelatedOffThread } from '../lib/content/rank-off-thread';
import { scanFoldersOffThread } from '../lib/content/scan-off-thread';
import { contentLocations } from '../lib/content/locations';
import { postgresSource } from '../lib/store/postgres';
import { subscribeContent } from '../lib/store/redis';
import { offerIndexWorker } from '../lib/search/index-worker-start';
import { documentSecurityPolicy } from '../lib/http/content-security-policy';
import { changeKeys, documentKeys } from '../lib/document-keys';
import { answersWithoutRest, classifyPath, cropFileOf, documentQuery, readStoredLists, storyUrlOf } from '../lib/site-paths';
import { PolicyWorker } from './document-policies';
import { LiveDocuments } from './live-documents';
import { OptimizedImages } from './optimized-images';
import { createRequestHandler, loopbackCapture } from './request-handler';
import { missingAllocatorSettings } from './allocator';

const projectDir = process.cwd();
const distDir = path.resolve(__dirname, '..', '..');
const configuredDistDir = path.resolve(projectDir, process.env.NEXT_DIST_DIR ?? '.next');
if (configuredDistDir !== distDir) {
  throw new Error(`NEXT_DIST_DIR points at ${configuredDistDir} but this server was built into ${distDir}`);
}
// V8 lets a quiet server's heap grow to several times what is live before it collects: over a
// 100,000-story archive that was 1.1 GB resident for 400 MB live. Collecting once it has grown
// by a quarter keeps the process near what it holds (decision 41), at a few more collections.
v8.setFlagsFromString('--heap-growing-percent=25');

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST; // all interfaces unless set

/** HTML Next renders itself repeats (the 404 page): hash each distinct document once. */
function memoisedPolicy(limit = 1_000): (html: string) => string {
  const policies = new Map<string, string>();
  return (html) => {
    const key = createHash('sha1').update(html).digest('base64');
    let policy = policies.get(key);
    if (policy === undefined) {
      policy = documentSecurityPolicy(html);
      if (policies.size >= limit) policies.delete(policies.keys().next().value!);
      policies.set(key, policy);
    }
    return policy;
  };
}

/** The value of Next's draft-mode cookie in this build (prerender-manifest.json). */
function readPreviewModeId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'prerender-manifest.json'), 'utf8')) as { preview: { previewModeId: string } };
  return manifest.preview.previewModeId;
}

/**
 * Next runs on the configuration its build serialised (as its standalone server does), with the
 * settings next.config.ts chooses at start (the Redis cache handler). Left to itself, Next would
 * compile next.config.ts again at every start, loading its TypeScript compiler for that alone:
 * 26 MB resident and two threads for the life of the process.
 */
function useBuiltConfig(): void {
  const built = JSON.parse(fs.readFileSync(path.join(distDir, 'required-server-files.json'), 'utf8')).config as NextConfig;
  const atStart = nextConfig(PHASE_PRODUCTION_SERVER);
  const config = { ...built, cacheHandler: atStart.cacheHandler, images: { ...built.images, customCacheHandler: atStart.images?.customCacheHandler } };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

async function main() {
  // Read (and watched) before Next starts: the routes Next loads share this one instance. With
  // DATABASE_URL the content comes from PostgreSQL (LISTEN/NOTIFY and a version check every
  // CONTENT_POLL_SECONDS, 2 by default), else from the content folder. Either way the server
  // listens only once it holds the current version.
  const databaseUrl = process.env.DATABASE_URL;
  const log = (message: string) => console.log(message);
  // The embedded search index is written by a worker thread, which routes may not start themselves.
  if (!databaseUrl) offerIndexWorker();
  const source = databaseUrl ? postgresSource(databaseUrl, contentLocations().photosDir) : undefined;
  const settings = { rankRelated: rankRelatedOffThread, scanFolders: scanFoldersOffThread, ...(databaseUrl ? { pollMs: Number(process.env.CONTENT_POLL_SECONDS ?? 2) * 1000 } : {}) };
  const opening = startLiveContent(source, settings).catch((error: Error) => {
    throw new Error(`cannot read the content from ${source?.label ?? 'the content folder'}: ${error.message}${databaseUrl ? ' (is PostgreSQL up, and was `npm run db:migrate` run?)' : ''}`);
  });
  const server = http.createServer();
  useBuiltConfig();
  const app = next({ dev: false, dir: projectDir, port, hostname: host ?? 'localhost', httpServer: server });
  // Next loads its routes while the store answers (the folder is read before this, synchronously):
  // loading calls no route, so none asks for the content before it is there.
  const [live] = await Promise.all([opening, app.prepare()]);
  const unsubscribe = process.env.REDIS_URL ? subscribeContent(process.env.REDIS_URL, () => void live.refresh(), log) : () => undefined;
  const captureToken = randomBytes(16).toString('hex');
  const capture = loopbackCapture(server, captureToken);
  const policies = new PolicyWorker();
  const documents = new LiveDocuments(
    {
      classify: (pathname) => classifyPath(live.current(), pathname),
      keys: (target) => documentKeys(live.current(), target),
      documentQuery: (pathname, query) => documentQuery(live.current(), pathname, query),
    },
    capture,
    // Each page captured on a miss is hashed for its Content-Security-Policy on a worker thread.
    { maxBytes: Number(process.env.DOCUMENT_CACHE_MB ?? 64) * 1024 * 1024, policyOf: policies.policyOf },
  );
  // Each change drops only the documents that show what it changed (lib/document-keys.ts).
  const stopInvalidating = live.onChange((_repository, change) => documents.invalidate(changeKeys(change)));
  const images = new OptimizedImages(capture);
  server.on(
    'request',
    createRequestHandler({
      documents,
      images,
      handleWithNext: app.getRequestHandler(),
      policyOf: memoisedPolicy(),
      captureToken,
      previewModeId: readPreviewModeId(),
      // A large store is read in parts at start, or on demand for good (decision 48): fronts,
      // feeds and the stories held are served at once (a story or crop not held is read on its
      // own first), during a start in parts everything else once all is read. Where the store
      // keeps the lists, what a path shows of them is read from it first (decision 47).
      holdUntil: (req) => {
        const [path, query] = (req.url ?? '/').split('?');
        const listed = readStoredLists(live.current(), path, query);
        if (listed) return listed.then(() => undefined, () => undefined);
        if (live.holdsEvery) return undefined;
        const story = storyUrlOf(path);
        if (!story && answersWithoutRest(live.current(), path)) return undefined;
        const waits = () => (live.isComplete || answersWithoutRest(live.current(), path) ? undefined : live.complete);
        const crop = cropFileOf(path);
        const read = story ? live.readStoryPage(story) : crop ? live.readStoriesWithHeroCrop(crop) : undefined;
        // What the store tells is all there is: a URL none of its stories has is a 404 now, not once the rest is read.
        return read ? read.then((told) => (told ? undefined : waits())) : waits();
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  console.log(`> NewsBite ready on http://${host ?? 'localhost'}:${port} (content version ${live.current().version})`);
  const missing = missingAllocatorSettings(process.env);
  if (missing.length) log(`note: started without ${missing.join(' ')} (npm start sets them): expect tens of MB more resident on a large archive`);
  // The first search builds the embedded index (seconds for a large archive): do it now, not for
  // a reader. With DATABASE_URL search runs in PostgreSQL, whose index is already built.
  if (!databaseUrl) capture('/search?q=news', { 'user-agent': 'NewsBite-warm-up' }).catch((error: unknown) => console.error('search warm-up failed:', error));

  const shutdown = () => {
    unsubscribe();
    stopInvalidating();
    policies.close();
    const saved = live.close();
    server.close(() => void Promise.allSettled([saved, app.close()]).finally(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
