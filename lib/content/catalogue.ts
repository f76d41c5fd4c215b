import type { BodyCache } from './bodies';
import { ContentIndex } from './content-index';
import { ContentError, type ContentProblem } from './errors';
import {
  ArticleFile,
  checkArticle,
  checkEntry,
  compareFiles,
  entryOfFile,
  parseAuthor,
  parseSections,
  PhotoSizes,
  readContentFolder,
  revisionOf,
  shareIfEmpty,
  slugOfFile,
  type ArticleContext,
  type CheckedArticle,
  type RawContent,
} from './load';
import type { ContentDirs } from './locations';
import type { Article, Author, LiveEntry, SiteContent, Tag } from './types';

const SECTIONS_FILE = 'sections.yml';

/** One document saved (its text), removed (no text) or unreadable (the problem reading it). */
export interface DocumentChange {
  file: string;
  text?: string;
  unreadable?: ContentProblem;
  /** revisionOf(text), when already worked out. */
  revision?: string;
  /**
   * The article as checked when the file had this very stamp (the persisted catalogue,
   * lib/content/catalogue-cache.ts): checked against the others again, not parsed again.
   */
  checked?: Article;
  /** The lists (`published`, `section:`…) the story was in before, as the store's log has them: what a catalogue that did not hold it cannot tell. */
  formerLists?: string[];
}

/** What a set of document changes did to the valid content. */
export interface CatalogueChange {
  /**
   * Articles whose valid version changed: the one before and the one after (undefined when
   * none); where the catalogue did not hold the one before, the lists it was in, if known.
   */
  articles: { before?: Article; after?: Article; formerLists?: string[] }[];
  /** Live blog entries whose valid version changed. */
  entries: { before?: LiveEntry; after?: LiveEntry }[];
  /** Sections or authors changed: every page may show them. */
  site: boolean;
  /** The documents that were read and checked (their text changed): their problems are news. */
  checked: string[];
}

function count(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next) map.set(key, next);
  else map.delete(key);
}

/** Above this many changed articles, re-sorting the lists costs less than inserting one by one. */
const BULK_CHANGE = 64;

/**
 * The content, kept document by document. A change costs the documents it touches: each is
 * checked on its own and against indexes of the others (sections, authors, slugs, old URLs,
 * curated picks), never by re-reading the rest. A document with a problem keeps its last good
 * version live (or stays out if it never had one) and is reported as `file: field: problem`
 * without holding back anyone else's change; a change that would break other documents
 * (removing a section or author still in use) is refused for that document alone. A document
 * whose problem is another document (an author not written yet) is checked again after later
 * changes.
 */
export class ContentCatalogue {
  private readonly sectionSlugs = new Set<string>();
  private readonly authorsByFile = new Map<string, Author>();
  private readonly authorIds = new Set<string>();
  /** Valid articles by file, and newest first. */
  private readonly live = new Map<string, Article>();
  /** The valid content indexed for public views, kept up to date story by story. */
  readonly index = new ContentIndex();
  /** The revision last seen of every document: a change to the same text is no change. */
  private readonly revisions = new Map<string, string>();
  private readonly problemsByFile = new Map<string, ContentProblem[]>();
  /** Valid live blog entries by file. */
  private readonly entries = new Map<string, LiveEntry>();
  /** Documents refused because of another document, kept to be checked again. */
  private readonly waiting = new Map<string, DocumentChange>();
  private readonly slugOwners = new Map<string, string>();
  /** The slug of every article file, valid or not: a curated pick may name a story being fixed. */
  private readonly articleFilesBySlug = new Map<string, number>();
  /** Paths and old URLs (aliases) to the file of the story that has them. */
  private readonly urlOwners = new Map<string, string>();
  private readonly sectionUse = new Map<string, number>();
  private readonly authorUse = new Map<string, number>();
  private readonly tags = new Map<string, Tag>();
  /** Whether a store has a story not held here (a start in parts, a catalogue read on demand): curated picks of it check. */
  private storeHas?: (slug: string) => boolean;
  readonly photos: PhotoSizes;
  private readonly context: ArticleContext;

  /** `bodies`: read article bodies on demand from the source instead of holding them. */
  constructor(
    photosDir: string,
    private readonly bodies?: BodyCache,
  ) {
    this.photos = new PhotoSizes(photosDir);
    this.context = {
      hasSection: (slug) => this.sectionSlugs.has(slug),
      sectionSlugs: () => [...this.sectionSlugs],
      hasAuthor: (id) => this.authorIds.has(id),
      photos: this.photos,
      tag: (slug, name) => {
        let tag = this.tags.get(slug);
        if (!tag) this.tags.set(slug, (tag = { slug, name }));
        return tag;
      },
    };
  }

  /**
   * Every document of a version, as a source read it whole (`checked`: articles the persisted
   * catalogue still vouches for, not read again): documents it no longer has are removed.
   */
  load(raw: RawContent, checked: Article[] = []): CatalogueChange {
    const present = new Set<string>();
    const changes: DocumentChange[] = [];
    const add = (document: DocumentChange) => {
      present.add(document.file);
      changes.push(document);
    };
    if (raw.sections !== undefined) add({ file: SECTIONS_FILE, text: raw.sections });
    // Passed on as they are: an ArticleFile is read only when it is checked.
    for (const document of [...raw.authors, ...raw.articles, ...(raw.entries ?? [])]) add(document);
    for (const article of checked) {
      present.add(article.sourceFile);
      changes.push({ file: article.sourceFile, checked: article });
    }
    for (const problem of raw.unreadable ?? []) {
      present.add(problem.file);
      changes.push({ file: problem.file, unreadable: problem });
    }
    for (const file of this.revisions.keys()) if (!present.has(file)) changes.push({ file });
    // No sections.yml at all is a problem to report, not a removal of one.
    if (!present.has(SECTIONS_FILE) && !this.revisions.has(SECTIONS_FILE)) changes.push({ file: SECTIONS_FILE });
    return this.apply(changes);
  }

  /** While a store's stories are not all held: whether it has a story (undefined once all are read). */
  expectStories(storeHas: ((slug: string) => boolean) | undefined): void {
    this.storeHas = storeHas;
  }

  /**
   * Lets go of stories a store keeps (a catalogue read on demand, decision 48): not a change for
   * readers; a page that shows one reads it again. A story with a problem now is kept.
   */
  forget(files: string[]): void {
    for (const file of files) {
      const article = this.live.get(file);
      if (!article || this.problemsByFile.has(file) || this.waiting.has(file)) continue;
      this.unindex(article);
      if (this.revisions.delete(file)) count(this.articleFilesBySlug, slugOfFile(file), -1);
      this.bodies?.forget(file);
    }
  }

  /** Applies saved, removed and unreadable documents; `photos` are photo srcs whose files changed. */
  apply(documents: DocumentChange[], photos: string[] = []): CatalogueChange {
    const change: CatalogueChange = { articles: [], entries: [], site: false, checked: [] };
    for (const src of photos) this.photos.forget(src);
    // Hashed once here: the revision tells an unchanged text (a touched file, a whole-store read) from an edit.
    // An ArticleFile is hashed when it is read, in applyArticles.
    const pending = documents
      .map((document) => (document instanceof ArticleFile || document.text === undefined || document.unreadable ? document : { ...document, revision: revisionOf(document.text) }))
      .filter(
        (document) =>
          document instanceof ArticleFile || document.checked || document.text === undefined || document.unreadable || this.revisions.get(document.file) !== document.revision,
      );
    pending.sort((a, b) => compareFiles(a.file, b.file));
    change.checked = pending.map((document) => document.file);
    const sections = pending.filter((d) => d.file === SECTIONS_FILE);
    const authors = pending.filter((d) => d.file.startsWith('authors/'));
    const articles = pending.filter((d) => d.file.startsWith('articles/'));
    const entries = pending.filter((d) => d.file.startsWith('live/'));
    const bulk = articles.length > BULK_CHANGE;
    const applyAll = () => {
      for (const document of sections) this.applySections(document, change);
      // Authors arrive before the stories that name them, and leave after the stories that did.
      for (const document of authors) if (document.text !== undefined || document.unreadable) this.applyAuthor(document, change);
      const removed = (document: DocumentChange) => !(document instanceof ArticleFile) && document.text === undefined && !document.unreadable && !document.checked;
      for (const document of articles) if (removed(document)) this.removeArticle(document.file, change);
      this.applyArticles(articles.filter((document) => !removed(document)), change);
      // Entries after their stories; an author leaves after the entries that named them did.
      for (const document of entries) this.applyEntry(document, change);
      for (const document of authors) if (document.text === undefined && !document.unreadable) this.applyAuthor(document, change);
      if (change.articles.length || change.entries.length || change.site || photos.length) this.checkWaiting(change);
    };
    if (bulk) this.index.load(applyAll);
    else applyAll();
    return change;
  }

  content(): SiteContent {
    return { sections: this.index.sections, authors: this.index.authors, articles: this.index.all };
  }

  /** The valid articles of files with no problem now: what a persisted catalogue may vouch for. */
  vouched(): Article[] {
    return this.index.all.filter((article) => !this.problemsByFile.has(article.sourceFile));
  }

  /** Every document's current problems, by file. */
  problems(): ContentProblem[] {
    return [...this.problemsByFile.entries()].sort(([a], [b]) => compareFiles(a, b)).flatMap(([, problems]) => problems);
  }

  private report(file: string, problems: ContentProblem[]): void {
    if (problems.length) this.problemsByFile.set(file, problems);
    else this.problemsByFile.delete(file);
  }

  private applySections(document: DocumentChange, change: CatalogueChange): void {
    if (document.unreadable) return this.report(SECTIONS_FILE, [document.unreadable]);
    if (document.text !== undefined) this.revisions.set(SECTIONS_FILE, revisionOf(document.text));
    else this.revisions.delete(SECTIONS_FILE);
    const { sections, problems } = parseSections(document.text);
    if (!sections) return this.report(SECTIONS_FILE, problems);
    const kept = new Set(sections.map((s) => s.slug));
    const stillUsed = [...this.sectionUse.keys()].filter((slug) => !kept.has(slug));
    if (stillUsed.length) {
      return this.report(
        SECTIONS_FILE,
        stillUsed.map((slug) => ({ file: SECTIONS_FILE, field: slug, problem: `is still the section of ${this.usersOf((a) => 'section' in a && a.section === slug)}: move them to another section before removing it` })),
      );
    }
    this.report(SECTIONS_FILE, []);
    if (JSON.stringify(sections) === JSON.stringify(this.index.sections)) return;
    this.index.sections = sections;
    this.sectionSlugs.clear();
    for (const section of sections) this.sectionSlugs.add(section.slug);
    change.site = true;
  }

  private applyAuthor(document: DocumentChange, change: CatalogueChange): void {
    const { file } = document;
    if (document.unreadable) return this.report(file, [document.unreadable]);
    const id = slugOfFile(file);
    if (document.text === undefined) {
      this.revisions.delete(file);
      if (!this.authorsByFile.has(file)) return this.report(file, []);
      if (this.authorUse.has(id)) {
        return this.report(file, [{ file, field: 'file', problem: `is deleted but ${this.usersOf((a) => a.authors.includes(id))} still name "${id}": change their authors first (the author stays meanwhile)` }]);
      }
      this.authorsByFile.delete(file);
      this.authorIds.delete(id);
    } else {
      this.revisions.set(file, revisionOf(document.text));
      const { author, problems } = parseAuthor({ file, text: document.text });
      this.report(file, problems);
      if (!author) return;
      this.authorsByFile.set(file, author);
      this.authorIds.add(id);
    }
    this.index.authors = [...this.authorsByFile.entries()].sort(([a], [b]) => compareFiles(a, b)).map(([, author]) => author);
    change.site = true;
  }

  /** "3 stories (articles/a.md, articles/b.md, …)": who a refused removal would break. */
  private usersOf(uses: (document: Article | LiveEntry) => boolean): string {
    const files = [...this.live.values(), ...this.entries.values()].filter(uses).map((a) => a.sourceFile);
    const noun = files.every((file) => file.startsWith('articles/')) ? ['story', 'stories'] : ['document', 'documents'];
    return `${files.length} ${noun[files.length === 1 ? 0 : 1]} (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''})`;
  }

  private removeArticle(file: string, change: CatalogueChange): void {
    if (this.revisions.delete(file)) count(this.articleFilesBySlug, slugOfFile(file), -1);
    this.report(file, []);
    this.waiting.delete(file);
    this.bodies?.forget(file);
    const before = this.live.get(file);
    if (!before) return;
    this.unindex(before);
    change.articles.push({ before });
  }

  /**
   * Checks saved articles, then admits the valid ones. The paths of a batch are claimed before
   * any old URL is checked, so a story's own URL wins over another's alias whatever the order.
   */
  private applyArticles(documents: DocumentChange[], change: CatalogueChange): void {
    const checked = documents.map((document): CheckedArticle & { file: string; document: DocumentChange; unchanged?: boolean } => {
      const { file } = document;
      if (document.unreadable) return { file, document, problems: [document.unreadable], waitsOnOthers: false };
      if (document.checked) {
        if (!this.revisions.has(file)) count(this.articleFilesBySlug, slugOfFile(file), 1);
        this.revisions.set(file, document.checked.revision);
        document.checked.tags = document.checked.tags.map(({ slug, name }) => this.context.tag(slug, name));
        if (document.checked.hero) document.checked.hero = this.photos.shared(document.checked.hero);
        document.checked.gallery = shareIfEmpty(document.checked.gallery.map((photo) => this.photos.shared(photo)));
        document.checked.related = shareIfEmpty(document.checked.related);
        document.checked.corrections = shareIfEmpty(document.checked.corrections);
        document.checked.aliases = shareIfEmpty(document.checked.aliases);
        return { file, document, article: this.bodies ? this.bodies.lazy(document.checked) : document.checked, problems: [], waitsOnOthers: false };
      }
      let text: string;
      try {
        text = document.text!;
      } catch (error) {
        return { file, document, problems: [{ file, field: 'file', problem: `cannot be read: ${(error as Error).message}` }], waitsOnOthers: false };
      }
      const revision = document.revision ?? revisionOf(text);
      // A folder read whole again (an explicit re-index): a file unchanged since is left as it is.
      if (document instanceof ArticleFile && this.revisions.get(file) === revision && !this.waiting.has(file)) {
        return { file, document, problems: [], waitsOnOthers: false, unchanged: true };
      }
      if (!this.revisions.has(file)) count(this.articleFilesBySlug, slugOfFile(file), 1);
      this.revisions.set(file, revision);
      const result = checkArticle({ file, text, revision }, this.context);
      // The body is let go at once (and an ArticleFile's text with it), so a whole archive read
      // at start never holds every text and body together.
      if (result.article && this.bodies) result.article = this.bodies.lazy(result.article);
      return { file, document, ...result };
    });
    const claimed: string[] = [];
    for (const { article } of checked) {
      if (article && !this.urlOwners.has(article.path)) {
        this.urlOwners.set(article.path, article.sourceFile);
        claimed.push(article.path);
      }
    }
    for (const { file, document, article, problems: own, waitsOnOthers, unchanged } of checked) {
      if (unchanged) continue;
      const problems = article ? this.crossCheck(article) : own;
      this.report(file, problems);
      const waits = article ? problems.length > 0 : waitsOnOthers;
      if (waits && !document.unreadable) this.waiting.set(file, document);
      else this.waiting.delete(file);
      if (problems.length || !article) continue;
      const before = this.live.get(file);
      if (before) this.unindex(before);
      this.bodies?.forget(file);
      this.admit(article);
      change.articles.push({ before, after: article, ...(before ? {} : { formerLists: document.formerLists }) });
    }
    // A claim by a story that was refused is released (its last good version keeps its own).
    for (const url of claimed) {
      const owner = this.urlOwners.get(url)!;
      if (this.live.get(owner)?.path !== url) this.urlOwners.delete(url);
    }
  }

  /** Rules that span articles, checked against the indexes of the valid ones. */
  private crossCheck(article: Article): ContentProblem[] {
    const file = article.sourceFile;
    const problems: ContentProblem[] = [];
    const slugOwner = this.slugOwners.get(article.slug);
    if (slugOwner && slugOwner !== file) problems.push({ file, field: 'slug', problem: `duplicates ${slugOwner}: every article needs a unique file name` });
    const pathOwner = this.urlOwners.get(article.path);
    if (pathOwner && pathOwner !== file) problems.push({ file, field: 'section', problem: `${article.path} is an old URL of ${pathOwner}: remove it from that story's aliases first` });
    article.aliases.forEach((alias, i) => {
      const owner = this.urlOwners.get(alias);
      if (owner && owner !== file) problems.push({ file, field: `aliases[${i}]`, problem: `${alias} is the URL of ${owner}: an old URL cannot point at two stories` });
    });
    article.related.forEach((slug, i) => {
      if (slug !== article.slug && !this.articleFilesBySlug.has(slug) && !this.storeHas?.(slug)) problems.push({ file, field: `related[${i}]`, problem: `"${slug}" is not an article: check the slug in content/articles` });
    });
    return problems;
  }

  private admit(article: Article): void {
    const file = article.sourceFile;
    this.live.set(file, article);
    this.slugOwners.set(article.slug, file);
    for (const url of [article.path, ...article.aliases]) this.urlOwners.set(url, file);
    count(this.sectionUse, article.section, 1);
    for (const id of article.authors) count(this.authorUse, id, 1);
    this.index.add(article);
  }

  private unindex(article: Article): void {
    const file = article.sourceFile;
    this.live.delete(file);
    if (this.slugOwners.get(article.slug) === file) this.slugOwners.delete(article.slug);
    for (const url of [article.path, ...article.aliases]) if (this.urlOwners.get(url) === file) this.urlOwners.delete(url);
    count(this.sectionUse, article.section, -1);
    for (const id of article.authors) count(this.authorUse, id, -1);
    this.index.remove(article);
  }

  /**
   * A live blog entry saved, removed or unreadable: checked on its own, then against its story
   * (a valid live blog; an entry written before its story waits for it).
   */
  private applyEntry(document: DocumentChange, change: CatalogueChange): void {
    const { file } = document;
    const before = this.entries.get(file);
    const admit = (after: LiveEntry | undefined) => {
      if (before) {
        this.entries.delete(file);
        this.index.removeEntry(before);
        for (const id of before.authors) count(this.authorUse, id, -1);
      }
      if (after) {
        this.entries.set(file, after);
        this.index.addEntry(after);
        for (const id of after.authors) count(this.authorUse, id, 1);
      }
      if (before || after) change.entries.push({ before, after });
    };
    if (document.unreadable) return this.report(file, [document.unreadable]);
    if (document.text === undefined) {
      this.revisions.delete(file);
      this.waiting.delete(file);
      this.report(file, []);
      return admit(undefined);
    }
    this.revisions.set(file, document.revision ?? revisionOf(document.text));
    const { entry, problems, waitsOnOthers } = checkEntry({ file, text: document.text, revision: document.revision }, this.context);
    let waits = waitsOnOthers;
    if (entry) {
      const story = this.slugOwners.get(entry.story);
      const storyLive = story !== undefined && this.live.get(story)?.live;
      if (!storyLive) {
        const place = entryOfFile(file)!;
        problems.push({
          file,
          field: 'folder',
          problem: story ? `"${place.story}" is not a live blog: add live: true to ${story}` : `"${place.story}" is not a story: the folder must be the slug of a live blog in content/articles`,
        });
        waits = true;
      }
    }
    this.report(file, problems);
    if (waits) this.waiting.set(file, document);
    else this.waiting.delete(file);
    if (entry && !problems.length) admit(entry);
  }

  /** Checks the waiting documents again until none more goes live (each pass may unblock others). */
  private checkWaiting(change: CatalogueChange): void {
    let accepted = true;
    while (accepted && this.waiting.size) {
      const before = change.articles.length + change.entries.length;
      const waiting = [...this.waiting.values()].sort((a, b) => compareFiles(a.file, b.file));
      this.applyArticles(
        waiting.filter((d) => !d.file.startsWith('live/')),
        change,
      );
      for (const document of waiting) if (document.file.startsWith('live/')) this.applyEntry(document, change);
      accepted = change.articles.length + change.entries.length > before;
    }
  }
}

/**
 * The one validation of a content version, whatever store it came from: every document checked
 * as the live site checks it, in file order. `content` holds what is valid.
 */
export function validateContent(raw: RawContent, photosDir: string): { content: SiteContent; problems: ContentProblem[] } {
  const catalogue = new ContentCatalogue(photosDir);
  catalogue.load(raw);
  return { content: catalogue.content(), problems: catalogue.problems() };
}

/** Every file of the content folder read and checked: `content` holds what is valid, leaving out each file with a problem. */
export function loadContentVersion(dirs: ContentDirs): { content: SiteContent; problems: ContentProblem[] } {
  return validateContent(readContentFolder(dirs.contentDir), dirs.photosDir);
}

/** Validated content, or a ContentError listing every problem (builds, checks and tests). */
export function loadContent(dirs: ContentDirs): SiteContent {
  const { content, problems } = loadContentVersion(dirs);
  if (problems.length) throw new ContentError(problems);
  return content;
}
