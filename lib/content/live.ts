import fs from 'node:fs';
import path from 'node:path';
import { formatProblem, type ContentProblem } from './errors';
import { loadContentVersion } from './load';
import { contentLocations, type ContentDirs } from './locations';
import { createRepository, type ContentRepository } from './repository';
import type { SiteContent } from './types';

/** What the status endpoint and the server log report about the live content. */
export interface ContentStatus {
  version: string;
  stories: number;
  /** When the live version was made (a file change or an embargo lifting), ISO 8601. */
  liveSince: string;
  /** When the folder was last read. */
  checkedAt: string;
  /** Problems of the newest change, which was refused; empty when it went live. */
  problems: string[];
}

export interface LiveContentOptions {
  /** Watch the folders and lift embargoes by timer; off for one-off reads (build, checks). */
  watch: boolean;
  /** A safety net behind file watching, which can miss events (editors' atomic saves, network mounts). */
  pollMs?: number;
  log?: (message: string) => void;
  clock?: () => number;
}

/** Largest delay setTimeout takes (about 24.8 days); a later embargo is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Editors and syncs write several files in a burst: read once it settles. */
const SETTLE_MS = 50;

/** A cheap signature of the folders (names, sizes, modification times) to skip a re-read when nothing changed. */
function folderSignature(dirs: ContentDirs): string {
  const parts: string[] = [];
  for (const dir of new Set([dirs.contentDir, dirs.photosDir])) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[];
    } catch {
      parts.push(`${dir}: missing`);
    }
    for (const name of names.sort()) {
      // Lock files and the temporary files of atomic saves are not content (the loader reads *.md).
      if (path.basename(name).startsWith('.')) continue;
      try {
        const stat = fs.statSync(path.join(dir, name));
        if (stat.isFile()) parts.push(`${dir}/${name} ${stat.size} ${stat.mtimeMs}`);
      } catch {
        // Removed between listing and stat: the next signature notices.
      }
    }
  }
  return parts.join('\n');
}

/**
 * The live content: the last good version of the content folder, re-read when files change,
 * and a new public view when an embargo lifts. A change with any problem is refused as a whole;
 * the previous version keeps serving and the problems are reported.
 */
export class LiveContent {
  private content: SiteContent;
  private repository: ContentRepository;
  private signature = '';
  private problems: ContentProblem[] = [];
  private liveSince: number;
  private checkedAt: number;
  private readonly listeners = new Set<(repository: ContentRepository) => void>();
  private readonly log: (message: string) => void;
  private readonly clock: () => number;
  private settleTimer?: NodeJS.Timeout;
  private embargoTimer?: NodeJS.Timeout;
  private readonly closers: (() => void)[] = [];

  constructor(
    readonly dirs: ContentDirs,
    private readonly options: LiveContentOptions,
  ) {
    this.log = options.log ?? ((message) => console.log(message));
    this.clock = options.clock ?? Date.now;
    this.signature = folderSignature(dirs);
    const { content, problems } = loadContentVersion(dirs);
    // At start there is no earlier version to keep: serve what is valid and say what is not.
    this.content = content;
    this.problems = problems;
    this.repository = createRepository(content, this.clock());
    this.liveSince = this.checkedAt = this.clock();
    if (problems.length) this.reportProblems('starting with the valid files only');
    if (options.watch) this.watch();
  }

  /** The public view now; rebuilt on the spot if an embargo lifted before its timer fired. */
  current(): ContentRepository {
    const lift = this.repository.nextEmbargoLift;
    if (lift !== undefined && lift <= this.clock()) this.swap(this.content);
    return this.repository;
  }

  /**
   * Reads the folders again if anything in them changed (a watcher event, the poll), or anyway
   * when `force`d (the publishing webhook); returns the resulting status.
   */
  reload({ force = false } = {}): ContentStatus {
    this.checkedAt = this.clock();
    const signature = folderSignature(this.dirs);
    if (signature === this.signature && !force) return this.status();
    const { content, problems } = loadContentVersion(this.dirs);
    this.signature = signature;
    this.problems = problems;
    if (problems.length) this.reportProblems(`keeping version ${this.repository.version}`);
    else this.swap(content);
    return this.status();
  }

  status(): ContentStatus {
    const repository = this.current();
    return {
      version: repository.version,
      stories: repository.articles.length,
      liveSince: new Date(this.liveSince).toISOString(),
      checkedAt: new Date(this.checkedAt).toISOString(),
      problems: this.problems.map(formatProblem),
    };
  }

  /** Called with each new live version. Returns the unsubscribe function. */
  onChange(listener: (repository: ContentRepository) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    clearTimeout(this.settleTimer);
    clearTimeout(this.embargoTimer);
    for (const close of this.closers.splice(0)) close();
  }

  private swap(content: SiteContent): void {
    const previous = this.repository.version;
    this.content = content;
    this.repository = createRepository(content, this.clock());
    this.armEmbargoTimer();
    if (this.repository.version === previous) return;
    this.liveSince = this.clock();
    this.log(`content: version ${this.repository.version} is live (${this.repository.articles.length} stories)`);
    for (const listener of this.listeners) listener(this.repository);
  }

  private reportProblems(outcome: string): void {
    this.log(`content: ${this.problems.length} problem(s), ${outcome}:\n${this.problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
  }

  private scheduleReload = () => {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.reload(), SETTLE_MS);
    this.settleTimer.unref();
  };

  private armEmbargoTimer(): void {
    clearTimeout(this.embargoTimer);
    const lift = this.repository.nextEmbargoLift;
    if (!this.options.watch || lift === undefined) return;
    const delay = Math.min(Math.max(lift - this.clock(), 0), MAX_TIMER_MS);
    this.embargoTimer = setTimeout(() => this.current() && this.armEmbargoTimer(), delay);
    this.embargoTimer.unref();
  }

  private watch(): void {
    for (const dir of new Set([this.dirs.contentDir, this.dirs.photosDir])) {
      try {
        const watcher = fs.watch(dir, { recursive: true }, this.scheduleReload);
        watcher.on('error', (error) => this.log(`content: watching ${dir} failed (${error.message}); polling only`));
        watcher.unref();
        this.closers.push(() => watcher.close());
      } catch (error) {
        this.log(`content: cannot watch ${dir} (${(error as Error).message}); polling only`);
      }
    }
    const poll = setInterval(() => this.reload(), this.options.pollMs ?? 5_000);
    poll.unref();
    this.closers.push(() => clearInterval(poll));
    this.armEmbargoTimer();
  }
}

/**
 * One live content per process, shared through globalThis: the production server and the code
 * Next bundled for the routes are two copies of this module, and both must see one version.
 */
const LIVE_CONTENT = Symbol.for('newsbite.live-content');
type WithLiveContent = typeof globalThis & { [LIVE_CONTENT]?: LiveContent };

export function liveContent(): LiveContent {
  const scope = globalThis as WithLiveContent;
  // Watching keeps a process alive (Node 20's recursive fs.watch ignores unref), so only a
  // server watches: `next dev` here, the production server through startLiveContent().
  scope[LIVE_CONTENT] ??= new LiveContent(contentLocations(), { watch: process.env.NODE_ENV === 'development' });
  return scope[LIVE_CONTENT];
}

/** The production server's live content, watched, made before Next loads the routes that share it. */
export function startLiveContent(): LiveContent {
  const scope = globalThis as WithLiveContent;
  if (scope[LIVE_CONTENT]) throw new Error('the live content was read before the server started it');
  scope[LIVE_CONTENT] = new LiveContent(contentLocations(), { watch: true, pollMs: Number(process.env.CONTENT_POLL_SECONDS ?? 5) * 1000 });
  return scope[LIVE_CONTENT];
}
