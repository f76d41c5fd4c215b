import path from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { BodyCache } from './bodies';
import { ContentCatalogue, type CatalogueChange } from './catalogue';
import { listOf, PUBLISHED_LIST } from './content-index';
import { formatProblem, type ContentProblem } from './errors';
import { CatalogueCache } from './catalogue-cache';
import { cacheFile, contentLocations, type ContentDirs } from './locations';
import { folderSource, type ContentSnapshot, type ContentSource, type SourceChanges } from './source';
import { createRepository, isPublic, type ContentRepository } from './repository';
import type { RelatedStory } from './related';
import type { RankOffThread } from './related-ranking';
import { RelatedStories } from './related-stories';
import type { ScanFoldersOffThread } from './stamps';
import type { Article, LiveEntry } from './types';

/**
 * What a new live version changed for readers: each story whose public state changed (before
 * and after, public or withdrawn; undefined where it was or is neither), the stories whose
 * related boxes changed, and whether sections or authors did (every page may show those).
 */
export interface PublicChange {
  /** `formerLists`: the lists a story not held before was in (from the store's log), where known. */
  stories: { slug: string; before?: Article; after?: Article; formerLists?: string[] }[];
  /** Live blog entries saved, changed or removed (any status: a draft shows in previews). */
  entries: { story: string; before?: LiveEntry; after?: LiveEntry }[];
  relatedOf: string[];
  site: boolean;
}

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
  /** Where versions come from ("content folder …", "PostgreSQL …"). */
  store: string;
  /** Set while the store cannot be reached: the live version keeps serving. */
  storeError?: string;
  /** Set when the store has more stories than the catalogue holds (decision 48): `stories` counts those held; how many it holds lately, and may. */
  onDemand?: { heldLately: number; limit: number };
}

export interface LiveContentOptions {
  /** Watch the folders and lift embargoes by timer; off for one-off reads (build, checks). */
  watch: boolean;
  /** A safety net behind file watching, which can miss events (editors' atomic saves, network mounts). */
  pollMs?: number;
  log?: (message: string) => void;
  clock?: () => number;
  /** How often new stories may join older stories' related boxes (default 10 minutes). */
  relatedRefreshMs?: number;
  /** How a large archive's related stories are ranked off the serving thread (the production server's worker). */
  rankRelated?: RankOffThread;
  /** How the content folder's poll scans every stamp off the serving thread (the production server's worker). */
  scanFolders?: ScanFoldersOffThread;
  /**
   * How much of a large store the catalogue holds, in bytes (CATALOGUE_MB, default 64 MB): a
   * store with more stories is read on demand (decision 48).
   */
  catalogueBytes?: number;
}

/**
 * What changed for readers between two live versions: the stories the catalogue changed, and
 * those whose embargo lifted in between, each as it was and is in public.
 */
function publicChangeBetween(previous: ContentRepository, next: ContentRepository, change: CatalogueChange): PublicChange {
  const seen = (article: Article | undefined, at: number) => (article && (article.status === 'withdrawn' || isPublic(article, at)) ? article : undefined);
  const stories = new Map<string, PublicChange['stories'][number]>();
  for (const { before, after, formerLists } of change.articles) {
    const slug = (after ?? before)!.slug;
    const story = stories.get(slug) ?? { slug, before: seen(before, previous.createdAt), ...(formerLists?.length ? { formerLists } : {}) };
    story.after = seen(after, next.createdAt);
    stories.set(slug, story);
  }
  for (const article of next.articles) {
    if (article.publishedTime <= previous.createdAt) break;
    if (!stories.has(article.slug)) stories.set(article.slug, { slug: article.slug, after: article });
  }
  const entries = change.entries.map(({ before, after }) => ({ story: (after ?? before)!.story, before, after }));
  return { stories: [...stories.values()].filter(({ before, after, formerLists }) => before !== after || formerLists), entries, relatedOf: [], site: change.site };
}

/** Largest delay setTimeout takes (about 24.8 days); a later embargo is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How often a changed catalogue is persisted, besides on close (writing 100,000 stories takes a second or two). */
const SAVE_EVERY_MS = 30 * 60_000;
/**
 * A watching server saves what its start parsed this long after it: the save's slices would
 * otherwise take a second or two of the thread from its first requests at 100,000 stories.
 */
const FIRST_SAVE_AFTER_MS = 15_000;
/** A full scan of the source waits this many times its own duration before the next. */
const SCAN_SHARE = 20;
/** Editors and syncs write several files in a burst: read once it settles. */
const SETTLE_MS = 50;
/** What the catalogue holds of a large store by default (CATALOGUE_MB). */
const CATALOGUE_BYTES = 64 * 1024 * 1024;
/** What a story held costs, without its body (about 2 KB a story: 655-714 MB per instance holding 250,000 stories with everything else). */
const STORY_BYTES = 2_048;
/** A catalogue over its budget lets go of stories down to this share of it, so that it trims once in many reads, not on every one. */
const TRIM_TO = 0.75;

/** How many stories a catalogue of `bytes` holds. */
const storiesWithin = (bytes: number) => Math.floor(bytes / STORY_BYTES);

/**
 * The live content: the last good version of the content folder, re-read when files change,
 * and a new public view when an embargo lifts. A change with any problem is refused as a whole;
 * the previous version keeps serving and the problems are reported.
 */
export class LiveContent {
  private readonly catalogue: ContentCatalogue;
  /**
   * Set when the store has more stories than the catalogue holds (decision 48): the newest of
   * each front are always held, the rest read when asked for and let go in the order they came
   * (`heldLately`) once the catalogue holds more than `heldLimit` stories.
   */
  private readonly onDemand?: { frontWindow: number };
  private readonly heldLately = new Set<string>();
  private readonly heldLimit: number;
  /** Where stored bodies are read on demand; undefined when the content holds them (a one-off read). */
  private readonly bodies?: BodyCache;
  private readonly relatedStories: RelatedStories;
  private repository!: ContentRepository;
  private signature = '';
  private liveSince: number;
  private checkedAt: number;
  private storeError?: string;
  private readonly listeners = new Set<(repository: ContentRepository, change: PublicChange) => void>();
  /** Changes since the catalogue was last persisted (saved on close and every SAVE_EVERY_MS). */
  private unsaved = false;
  private saving: Promise<void> = Promise.resolve();
  /** When the poll may scan every stamp again (see watch). */
  private nextScanAt = 0;
  /** Paths a watcher named since the last check; none (or undefined, after an unnamed hint) means check everything. */
  private hinted?: Set<string> = new Set();
  private readonly log: (message: string) => void;
  private readonly clock: () => number;
  private readonly source: ContentSource;
  private settleTimer?: NodeJS.Timeout;
  private embargoTimer?: NodeJS.Timeout;
  private readonly closers: (() => void)[] = [];
  /** Checks of an asynchronous store run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private queued?: Promise<ContentStatus>;
  private queuedForce = false;

  /**
   * The content folder by default (read here, synchronously). A store that reads
   * asynchronously (PostgreSQL) is opened with LiveContent.open, which passes its first snapshot.
   */
  constructor(
    readonly dirs: ContentDirs,
    private readonly options: LiveContentOptions,
    source?: ContentSource,
    initial?: ContentSnapshot,
  ) {
    this.log = options.log ?? ((message) => console.log(message));
    this.clock = options.clock ?? Date.now;
    this.source = source ?? folderSource(dirs, undefined, options.scanFolders);
    const snapshot = initial ?? this.source.read();
    if (snapshot instanceof Promise) throw new Error(`${this.source.label} reads asynchronously: use LiveContent.open`);
    this.signature = snapshot.signature;
    const { bodyOf, bodiesOf } = this.source;
    const bodies = bodyOf ? new BodyCache({ read: (file) => bodyOf.call(this.source, file) }) : bodiesOf && new BodyCache({ readMany: (files) => bodiesOf.call(this.source, files) });
    this.bodies = bodies;
    this.catalogue = new ContentCatalogue(this.source.photosDir, bodies);
    const { rest, onDemand } = snapshot;
    this.onDemand = onDemand;
    this.heldLimit = storiesWithin(options.catalogueBytes ?? CATALOGUE_BYTES);
    // The store checked at publish the picks of stories not held here (a start in parts: those not read yet).
    this.catalogue.expectStories(rest ? (slug) => rest.slugs.has(slug) : onDemand && (() => true));
    this.catalogue.load(snapshot.raw, snapshot.checked);
    this.holdLately(snapshot.checked ?? []);
    // A persisted catalogue saves the next start from parsing what this one had to.
    this.unsaved = snapshot.raw.articles.length > 0;
    if (!options.watch) void this.save();
    this.relatedStories = new RelatedStories(
      options.relatedRefreshMs,
      (relatedOf) => this.notify({ stories: [], entries: [], relatedOf, site: false }),
      {
        offThread: options.rankRelated && { rank: options.rankRelated, ledes: bodyOf ? { folder: dirs.contentDir } : { read: this.source.ledesOf?.bind(this.source) } },
        withBodies: bodiesOf && ((articles) => this.withBodies(articles)),
        stored: this.source.relatedPicks,
        archive: onDemand && (() => this.publicArchive()),
        log: this.log,
      },
    );
    this.completed = !rest;
    this.holdsEveryStory = !rest && !onDemand;
    this.repository = this.view();
    this.liveSince = this.checkedAt = this.clock();
    const problems = this.catalogue.problems();
    if (problems.length) this.reportProblems(problems, 'serving the valid files only');
    this.complete = rest ? this.readRest(rest.stories) : Promise.resolve();
    if (options.watch) this.watch();
  }

  /**
   * Resolves once the start is done: at once, unless it reads a store in parts (readFront),
   * whose fronts and feeds are served meanwhile and everything else once every story is read.
   */
  readonly complete: Promise<void>;
  private completed = false;
  /** Every story is held: false during a start in parts, and always for a catalogue read on demand. */
  private holdsEveryStory: boolean;
  private closed = false;
  /**
   * Files a change applied, or a reader's request read on its own (readStoriesAt), while the
   * rest of a start in parts was read: they are newer than any row of the rest read before
   * them, so the rest leaves them alone.
   */
  private readonly newerThanRest = new Set<string>();

  /** Whether the start is done (see complete). */
  get isComplete(): boolean {
    return this.completed;
  }

  /** Whether every story is held, so that none is read on its own (readStoriesAt and the like). */
  get holdsEvery(): boolean {
    return this.holdsEveryStory;
  }

  /**
   * Reads the stories a start in parts left out, a batch at a time, giving readers the thread
   * between batches. A store that fails meanwhile is read whole instead, once it answers.
   */
  private async readRest(stories: AsyncIterable<Article[]>): Promise<void> {
    const started = this.clock();
    let read = 0;
    try {
      for await (const batch of stories) {
        this.applyRead(batch);
        read += batch.length;
        await nextTurn();
      }
      this.catalogue.expectStories(undefined);
      this.newerThanRest.clear();
    } catch (error) {
      this.log(`content: reading the rest of ${this.source.label} failed (${(error as Error).message}); reading it whole`);
      this.catalogue.expectStories(undefined);
      while (!this.closed) {
        try {
          this.accept(await this.source.read());
          break;
        } catch {
          await sleep(1_000);
        }
      }
    }
    this.completed = true;
    this.holdsEveryStory = true;
    // What was served meanwhile (fronts, feeds) shows the newest stories, read first: no page changes.
    this.repository = this.view();
    this.armEmbargoTimer();
    this.log(`content: read the rest of the archive (${read} stories) in ${((this.clock() - started) / 1000).toFixed(1)} s; ${this.repository.articles.length} live`);
  }

  /**
   * Where not every story is held (a start in parts, a catalogue read on demand): reads the
   * stories that answer at `path` (a story's URL or an old one) from the store now, so that an
   * archive story's page need not wait for the rest.
   * Resolves once they are in, true if the store could tell (false: the page waits for the rest).
   */
  readStoriesAt(path: string): Promise<boolean> {
    const { storiesAt } = this.source;
    return this.readOnTheirOwn(storiesAt && (() => storiesAt.call(this.source, path)));
  }

  /**
   * Where not every story is held: reads what the page of the story at `url` shows from the
   * store before it renders (the story, its related picks and the stories they name), so that
   * its render waits for no more than a held story's does. True if the store could tell.
   */
  async readStoryPage(url: string): Promise<boolean> {
    const [, section, slug] = url.split('/');
    const held = () => this.current().preview(section, slug);
    const told = held() !== undefined || (await this.readStoriesAt(url));
    const article = held();
    if (article) await this.readRelatedOf(article);
    return told;
  }

  /** Reads a story's related picks where a shared store keeps them, and the stories they name not held here. */
  private async readRelatedOf(article: Article): Promise<void> {
    await this.relatedStories.load([article.slug]);
    await this.readStoriesWithSlugs(this.relatedStories.candidatesOf(article));
  }

  /** Where not every story is held: reads the stories with these slugs not held (what a related box or a search result names). */
  readStoriesWithSlugs(slugs: string[]): Promise<boolean> {
    const { storiesWithSlugs } = this.source;
    const missing = slugs.filter((slug) => !this.catalogue.index.withSlug(slug));
    if (!missing.length) return Promise.resolve(true);
    return this.readOnTheirOwn(storiesWithSlugs && (() => storiesWithSlugs.call(this.source, missing)));
  }

  /** Where not every story is held: reads the stories whose hero crops to `file` (a crop's URL). */
  readStoriesWithHeroCrop(file: string): Promise<boolean> {
    const { storiesWithHeroCrop } = this.source;
    return this.readOnTheirOwn(storiesWithHeroCrop && (() => storiesWithHeroCrop.call(this.source, file)));
  }

  private async readOnTheirOwn(read: (() => Promise<Article[] | undefined>) | undefined): Promise<boolean> {
    if (this.holdsEveryStory) return true;
    const stories = read && (await read().catch(() => undefined));
    if (!stories) return false;
    if (this.holdsEveryStory) return true;
    const applied = this.applyRead(stories);
    if (!this.completed) for (const article of applied) this.newerThanRest.add(article.sourceFile);
    this.holdLately(applied);
    return true;
  }

  /**
   * A catalogue read on demand: files the stories just read or changed as held lately, then, past
   * its budget, lets go of those held longest that no front shows, down to TRIM_TO of it.
   */
  private holdLately(stories: readonly Article[]): void {
    if (!this.onDemand) return;
    for (const { sourceFile } of stories) {
      this.heldLately.delete(sourceFile);
      this.heldLately.add(sourceFile);
    }
    if (this.heldLately.size <= this.heldLimit) return;
    const shown = this.frontFiles(this.onDemand.frontWindow);
    const forgotten: string[] = [];
    const fresh = new Set(stories.map((article) => article.sourceFile));
    // The stories just read or changed are last: what asked for them is about to show them.
    for (const file of [...this.heldLately]) {
      if (this.heldLately.size <= this.heldLimit * TRIM_TO || fresh.has(file)) break;
      this.heldLately.delete(file);
      if (shown.has(file)) this.heldLately.add(file);
      else forgotten.push(file);
    }
    this.catalogue.forget(forgotten);
  }

  /** The files of what fronts, feeds and live pages show: the newest public stories site-wide and of each section, and every live blog. */
  private frontFiles(window: number): Set<string> {
    const { index } = this.catalogue;
    const lists = [PUBLISHED_LIST, ...index.sections.map((section) => listOf('section', section.slug))];
    const files = new Set(lists.flatMap((list) => index.list(list).slice(0, window).map((article) => article.sourceFile)));
    for (const article of index.all) if (article.live) files.add(article.sourceFile);
    return files;
  }

  /** Every public story of a store read on demand, a batch at a time: what ranking it whole reads (never all held at once). */
  private async *publicArchive(): AsyncGenerator<Article[]> {
    const now = this.clock();
    for await (const batch of this.source.everyStory!()) yield batch.filter((article) => isPublic(article, now));
  }

  /** Applies stories read during a start in parts, but those a newer read or change already applied; returns those applied. */
  private applyRead(stories: Article[]): Article[] {
    const unchanged = stories.filter((article) => !this.newerThanRest.has(article.sourceFile));
    this.catalogue.apply(unchanged.map((article) => ({ file: article.sourceFile, checked: article })));
    return unchanged;
  }

  /** Opens the live content of any source: waits for its first version (a store must answer at start). */
  static async open(source: ContentSource, options: LiveContentOptions): Promise<LiveContent> {
    const initial = await (source.readFront?.(storiesWithin(options.catalogueBytes ?? CATALOGUE_BYTES)) ?? source.read());
    return new LiveContent({ contentDir: source.label, photosDir: source.photosDir }, options, source, initial);
  }

  /** The public view now; rebuilt on the spot if an embargo lifted before its timer fired. */
  current(): ContentRepository {
    const lift = this.repository.nextEmbargoLift;
    if (lift !== undefined && lift <= this.clock()) this.swap({ articles: [], entries: [], site: false, checked: [] });
    return this.repository;
  }

  /**
   * Reads the content folder again if anything in it changed, or anyway when `force`d; returns
   * the resulting status. Only for a synchronous source (the folder); refresh() works for all.
   */
  reload({ force = false } = {}): ContentStatus {
    this.checkedAt = this.clock();
    const read = this.readChanges(force);
    if (read instanceof Promise) throw new Error(`${this.source.label} reads asynchronously: use refresh()`);
    if (read) this.accept(read);
    return this.status();
  }

  /**
   * Checks the store (a hint, the poll, the publishing webhook) and reads it when its signature
   * changed, or anyway when `force`d. A store that cannot be reached leaves the live version
   * serving; the next check catches up. `files` (paths in the content folder) are what a writer
   * just saved: the folder then reads them without scanning every stamp.
   */
  refresh({ force = false, files }: { force?: boolean; files?: string[] } = {}): Promise<ContentStatus> {
    for (const file of files ?? []) this.hinted?.add(path.join(this.dirs.contentDir, file));
    // One check runs at a time; calls arriving meanwhile share the one queued after it, so a
    // store that hangs (until its query timeout) cannot pile up a check per poll and per hint.
    if (this.queued) {
      this.queuedForce ||= force;
      return this.queued;
    }
    this.queuedForce = force;
    const run = this.queue.then(() => {
      this.queued = undefined;
      return this.check(this.queuedForce);
    });
    this.queued = run;
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The related stories of `article`, their picks read from a shared store first where they are kept there (what shows a related box awaits this). */
  async relatedTo(article: Article): Promise<RelatedStory[]> {
    await this.readRelatedOf(article);
    return this.current().related(article);
  }

  /** The articles with their bodies held, read from the store where they are not (pages and feeds await this before they render). */
  withBodies(articles: readonly Article[]): Promise<Article[]> {
    return this.bodies ? this.bodies.withBodies(articles) : Promise.resolve([...articles]);
  }

  status(): ContentStatus {
    const repository = this.current();
    return {
      version: repository.version,
      stories: repository.articles.length,
      liveSince: new Date(this.liveSince).toISOString(),
      checkedAt: new Date(this.checkedAt).toISOString(),
      problems: this.catalogue.problems().map(formatProblem),
      store: this.source.label,
      ...(this.storeError ? { storeError: this.storeError } : {}),
      ...(this.onDemand ? { onDemand: { heldLately: this.heldLately.size, limit: this.heldLimit } } : {}),
    };
  }

  /** A public view of the catalogue now (lists read from the store where it keeps them). */
  private view(): ContentRepository {
    const readStories = (slugs: string[]) => this.readStoriesWithSlugs(slugs).then(() => undefined);
    return createRepository(this.catalogue.index, this.clock(), this.relatedStories, {
      lists: this.source.lists,
      holdsAll: this.holdsEveryStory,
      holdsNewest: this.onDemand?.frontWindow,
      readStories,
    });
  }

  /** Called with each new live version and what it changed for readers. Returns the unsubscribe function. */
  onChange(listener: (repository: ContentRepository, change: PublicChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops watching; resolves once the catalogue is saved. */
  close(): Promise<void> {
    this.closed = true;
    const saved = this.save();
    clearTimeout(this.settleTimer);
    clearTimeout(this.embargoTimer);
    for (const close of this.closers.splice(0)) close();
    return saved.finally(() => this.source.close?.());
  }

  private async check(force: boolean): Promise<ContentStatus> {
    this.checkedAt = this.clock();
    try {
      const read = await this.readChanges(force);
      // Changes apply while the rest of a start in parts is read; a whole store read waits for it.
      if (read && 'raw' in read) await this.complete;
      if (read) this.accept(read);
      if (this.storeError) this.log(`content: ${this.source.label} answers again (version ${this.repository.version})`);
      this.storeError = undefined;
    } catch (error) {
      const message = (error as Error).message || String(error);
      if (this.storeError === undefined) this.log(`content: ${this.source.label} is unreachable (${message}); keeping version ${this.repository.version}`);
      this.storeError = message;
    }
    return this.status();
  }

  /**
   * What changed since the last check: from a source that can tell (the folder: the paths its
   * watcher named, or a scan of every stamp), else the whole store when its signature moved.
   * Undefined when nothing did. `force` reads everything again (an explicit re-index).
   */
  private readChanges(force: boolean): SourceChanges | ContentSnapshot | undefined | Promise<SourceChanges | ContentSnapshot | undefined> {
    const hinted = this.hinted?.size ? [...this.hinted] : undefined;
    this.hinted = new Set();
    if (force) return this.source.read();
    if (this.source.changes && hinted) return this.source.changes(hinted);
    if (this.source.changes) {
      const started = Date.now();
      const changes = this.source.changes();
      const scanned = () => (this.nextScanAt = Date.now() + SCAN_SHARE * (Date.now() - started));
      if (changes instanceof Promise) return changes.finally(scanned);
      scanned();
      return changes;
    }
    const whenChanged = (signature: string) => (signature === this.signature ? undefined : this.source.read(signature));
    const signature = this.source.signature();
    return typeof signature === 'string' ? whenChanged(signature) : signature.then(whenChanged);
  }

  private accept(read: SourceChanges | ContentSnapshot): void {
    this.signature = read.signature;
    if (!this.completed && 'documents' in read) for (const { file } of read.documents) this.newerThanRest.add(file);
    const change = 'raw' in read ? this.catalogue.load(read.raw, read.checked) : this.catalogue.apply(read.documents, read.photos);
    if (change.checked.length) this.unsaved = true;
    // Read whole again (a store further behind than its log): what is held lately is what it read.
    if ('raw' in read) this.heldLately.clear();
    this.holdLately('raw' in read ? (read.checked ?? []) : change.articles.flatMap(({ after }) => (after ? [after] : [])));
    const problems = this.catalogue.problems();
    const checked = new Set(change.checked);
    const refused = problems.filter((p) => checked.has(p.file));
    if (refused.length) this.reportProblems(refused, 'keeping the last good version of each of these files');
    if (change.articles.length || change.entries.length || change.site) this.swap(change);
  }

  private swap(change: CatalogueChange): void {
    const previous = this.repository;
    this.repository = this.view();
    this.armEmbargoTimer();
    const publicChange = publicChangeBetween(previous, this.repository, change);
    if (!publicChange.stories.length && !publicChange.entries.length && !publicChange.site) return;
    this.liveSince = this.clock();
    const { stories, entries } = publicChange;
    const what = publicChange.site
      ? 'sections or authors changed'
      : [stories.length && `${stories.length} stor${stories.length === 1 ? 'y' : 'ies'}`, entries.length && `${entries.length} live blog entr${entries.length === 1 ? 'y' : 'ies'}`].filter(Boolean).join(' and ') + ' changed';
    this.log(`content: ${what} (${this.repository.articles.length} live)`);
    this.notify(publicChange);
  }

  /** Persists the catalogue, one save at a time (a save asked for during one follows it). */
  private save(): Promise<void> {
    this.saving = this.saving.then(() => {
      if (!this.unsaved) return;
      this.unsaved = false;
      return this.source.save?.(this.catalogue.vouched(), this.log);
    });
    return this.saving;
  }

  private notify(change: PublicChange): void {
    for (const listener of this.listeners) listener(this.repository, change);
  }

  private reportProblems(problems: ContentProblem[], outcome: string): void {
    this.log(`content: ${problems.length} problem(s), ${outcome}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
  }

  private scheduleReload = (paths?: string[]) => {
    if (!paths) this.hinted = undefined;
    else for (const file of paths) this.hinted?.add(file);
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => void this.refresh(), SETTLE_MS);
    this.settleTimer.unref();
  };

  /**
   * The poll's scan where the source makes it off the serving thread: what it finds is read as
   * a watcher's hints, so a save the watcher named meanwhile waits for no scan (a scan of
   * 100,000 stamps held a new story back 3.5 s).
   */
  private async scanOffThread(): Promise<void> {
    const started = Date.now();
    this.nextScanAt = Infinity;
    try {
      const paths = await this.source.scanChanged!();
      if (paths.length && !this.closed) this.scheduleReload(paths);
    } catch (error) {
      if (!this.closed) this.log(`content: ${(error as Error).message}`);
    } finally {
      this.nextScanAt = Date.now() + SCAN_SHARE * (Date.now() - started);
    }
  }

  private armEmbargoTimer(): void {
    clearTimeout(this.embargoTimer);
    const lift = this.repository.nextEmbargoLift;
    if (!this.options.watch || lift === undefined) return;
    const delay = Math.min(Math.max(lift - this.clock(), 0), MAX_TIMER_MS);
    this.embargoTimer = setTimeout(() => this.current() && this.armEmbargoTimer(), delay);
    this.embargoTimer.unref();
  }

  private watch(): void {
    this.closers.push(this.source.watch(this.scheduleReload, this.log));
    // The poll scans every file's stamp; on a large archive that costs seconds, so it runs at
    // most 5 % of the time (fs.watch names the files that change meanwhile).
    const poll = setInterval(() => {
      if (Date.now() < this.nextScanAt) return;
      if (this.source.scanChanged) void this.scanOffThread();
      else this.scheduleReload();
    }, this.options.pollMs ?? 5_000);
    poll.unref();
    this.closers.push(() => clearInterval(poll));
    // New stories join older stories' related boxes at the next refresh of the related index.
    void this.complete.then(() => !this.closed && this.relatedStories.prepare(this.repository));
    // Picks kept in a shared store: follow what the ranking instance writes.
    const stored = this.source.relatedPicks;
    if (stored) {
      this.relatedStories.follow();
      this.closers.push(stored.watch(() => void this.relatedStories.readStored(), this.log));
    }
    const related = setInterval(() => void this.relatedStories.refresh(this.repository), this.relatedStories.refreshMs);
    related.unref();
    this.closers.push(() => clearInterval(related));
    const firstSave = setTimeout(() => void this.save(), FIRST_SAVE_AFTER_MS);
    const saving = setInterval(() => void this.save(), SAVE_EVERY_MS);
    firstSave.unref();
    saving.unref();
    this.closers.push(() => clearTimeout(firstSave), () => clearInterval(saving));
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
  // Watching and its timers are a long-running server's: `next dev` here, the production
  // server through startLiveContent(); a build or a script reads the content once.
  scope[LIVE_CONTENT] ??= new LiveContent(contentLocations(), { watch: process.env.NODE_ENV === 'development' });
  return scope[LIVE_CONTENT];
}

/**
 * The production server's live content, watched, made before Next loads the routes that share
 * it: the content folder, or the `source` given (PostgreSQL when DATABASE_URL is set, server/main.ts).
 */
export async function startLiveContent(source?: ContentSource, options: Partial<LiveContentOptions> = {}): Promise<LiveContent> {
  const scope = globalThis as WithLiveContent;
  if (scope[LIVE_CONTENT]) throw new Error('the live content was read before the server started it');
  const settings: LiveContentOptions = {
    watch: true,
    pollMs: Number(process.env.CONTENT_POLL_SECONDS ?? 5) * 1000,
    catalogueBytes: Number(process.env.CATALOGUE_MB ?? 64) * 1024 * 1024,
    ...options,
  };
  const dirs = contentLocations();
  const live = source ? await LiveContent.open(source, settings) : new LiveContent(dirs, settings, folderSource(dirs, new CatalogueCache(cacheFile(dirs.contentDir, 'catalogue', 'jsonl')), settings.scanFolders));
  if (scope[LIVE_CONTENT]) throw new Error('the live content was read before the server started it');
  scope[LIVE_CONTENT] = live;
  return live;
}
