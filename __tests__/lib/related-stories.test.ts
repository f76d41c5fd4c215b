import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRepository } from '@/lib/content/repository';
import { rankRelatedOffThread } from '@/lib/content/rank-off-thread';
import { buildRelatedIndex } from '@/lib/content/related';
import { inBatches, picksOf, type RankedStories, type StoredPicks } from '@/lib/content/related-ranking';
import { RelatedStories } from '@/lib/content/related-stories';
import type { Article } from '@/lib/content/types';
import { makeArticle } from '../helpers/articles';

const sections = [
  { slug: 'world', name: 'World', description: 'World news.' },
  { slug: 'science', name: 'Science', description: 'Science news.' },
];
const authors = [{ id: 'ann-lee', name: 'Ann Lee', role: 'Reporter', bio: 'Bio.', path: '/author/ann-lee' }];
const now = Date.parse('2026-12-01T00:00:00Z');

function site(articles: Article[], related: RelatedStories) {
  return createRepository({ sections, authors, articles: [...articles].sort((a, b) => b.publishedTime - a.publishedTime) }, now, related);
}

const comets = (n: number) => Array.from({ length: n }, (_, i) => makeArticle(`comet-${i}`, { section: 'science', tags: ['Comets'], day: -i - 1 }));
const slugs = (stories: { article: Article }[]) => stories.map((story) => story.article.slug);

describe('related stories over live content', () => {
  it('shows a corrected headline and drops a withdrawn story at once, without ranking again', () => {
    const related = new RelatedStories();
    const articles = [makeArticle('main', { section: 'science', tags: ['Comets'] }), ...comets(5)];
    const before = site(articles, related);
    expect(slugs(before.related(before.article('science', 'main')!))).toContain('comet-0');
    const after = site(
      articles.map((a) => (a.slug === 'comet-0' ? { ...a, headline: 'Corrected' } : a.slug === 'comet-1' ? { ...a, status: 'withdrawn' as const } : a)),
      related,
    );
    const stories = after.related(after.article('science', 'main')!);
    expect(stories.find((story) => story.article.slug === 'comet-0')?.article.headline).toBe('Corrected');
    expect(slugs(stories)).not.toContain('comet-1');
  });

  it('gives a story newer than the index its curated picks and section, and ranks it in at the next refresh', async () => {
    const changed: string[][] = [];
    const related = new RelatedStories(600_000, (slugs) => changed.push(slugs));
    const articles = comets(8);
    site(articles, related).related(articles[0]);
    const fresh = makeArticle('fresh-comet', { section: 'science', tags: ['Comets'], related: ['comet-7'] });
    const next = site([fresh, ...articles], related);
    expect(slugs(next.related(fresh))[0]).toBe('comet-7');
    expect(slugs(next.related(next.article('science', 'comet-0')!))).not.toContain('fresh-comet');
    await related.refresh(next);
    expect(slugs(next.related(next.article('science', 'comet-0')!))).toContain('fresh-comet');
    expect(changed.flat()).toContain('comet-0');
    // Nothing changed since: a refresh does nothing.
    await related.refresh(next);
    expect(changed).toHaveLength(1);
  });

  it.each([
    ['in a worker thread', { rank: rankRelatedOffThread, ledes: {} }],
    ['in steps between requests without one (next dev)', undefined],
  ])('ranks a large archive %s, and says when the boxes are ready', async (_where, offThread) => {
    let ready: string[] = [];
    const related = new RelatedStories(600_000, (slugs) => (ready = slugs), { offThread, log: console.error });
    const articles = comets(2_500);
    const repository = site(articles, related);
    const meanwhile = repository.related(repository.article('science', 'comet-10')!);
    expect(meanwhile.every((story) => story.reason.kind === 'section')).toBe(true);
    let requestsServed = 0;
    const ticker = setInterval(() => requestsServed++, 1);
    while (!ready.length) await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(ticker);
    expect(requestsServed).toBeGreaterThan(0);
    expect(ready).toHaveLength(2_500);
    expect(repository.related(repository.article('science', 'comet-10')!).some((story) => story.reason.kind === 'topics')).toBe(true);
  });

  it('ranks bodies read on demand from their files in the worker, never reading a body on the serving thread', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-related-'));
    try {
      // No tags: only the ledes, read from the files, can relate the two glacier stories.
      const lede = (slug: string) => (slug.startsWith('glacier') ? 'Glacier meltwater moraine crevasse survey.' : `Unrelated ${slug} harbour ferry timetable.`);
      const articles = Array.from({ length: 2_100 }, (_, i) => {
        const slug = i < 2 ? `glacier-${i}` : `story-${i}`;
        const article = makeArticle(slug, { section: 'science', day: -i, sourceFile: `articles/${slug}.md` });
        fs.mkdirSync(path.join(folder, 'articles'), { recursive: true });
        fs.writeFileSync(path.join(folder, article.sourceFile), `---\nslug: ${slug}\n---\n${lede(slug)}\n`);
        return withUnreadableBody(article);
      });
      let ready: string[] = [];
      const related = new RelatedStories(600_000, (slugs) => (ready = slugs), { offThread: { rank: rankRelatedOffThread, ledes: { folder } } });
      const repository = site(articles, related);
      related.prepare(repository);
      while (!ready.length) await new Promise((resolve) => setTimeout(resolve, 20));
      const box = repository.related(repository.article('science', 'glacier-0')!);
      expect(box[0]).toMatchObject({ article: { slug: 'glacier-1' }, reason: { kind: 'similar' } });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
  it('ranks a store\'s stories from the ledes it hands over, at once however small the site, never reading a body on the serving thread', async () => {
    const lede = (slug: string) => (slug.startsWith('glacier') ? 'Glacier meltwater moraine crevasse survey.' : `Unrelated ${slug} harbour ferry timetable.`);
    const articles = Array.from({ length: 50 }, (_, i) => {
      const slug = i < 2 ? `glacier-${i}` : `story-${i}`;
      return withUnreadableBody(makeArticle(slug, { section: 'science', day: -i, sourceFile: `articles/${slug}.md` }));
    });
    const asked: string[] = [];
    const read = async (files: string[]) => {
      asked.push(...files);
      return new Map(files.map((file) => [file, lede(path.basename(file, '.md'))]));
    };
    let ready: string[] = [];
    const related = new RelatedStories(600_000, (slugs) => (ready = slugs), {
      offThread: { rank: rankRelatedOffThread, ledes: { read } },
      withBodies: async () => {
        throw new Error('bodies read for ranking');
      },
    });
    const repository = site(articles, related);
    related.prepare(repository);
    while (!ready.length) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toHaveLength(50);
    const box = repository.related(repository.article('science', 'glacier-0')!);
    expect(box[0]).toMatchObject({ article: { slug: 'glacier-1' }, reason: { kind: 'similar' } });
  });
});

describe('related stories kept in a store that instances share', () => {
  it('are ranked by one instance, read by the others, and not ranked again when an instance restarts', async () => {
    const store = sharedPicks();
    const ranked: number[] = [];
    const rank = async (stories: RankedStories) => {
      const articles: Article[] = [];
      for await (const batch of inBatches(stories, 7)) articles.push(...batch);
      ranked.push(articles.length);
      return picksOf(buildRelatedIndex(articles));
    };
    const instance = (archive?: () => AsyncIterable<Article[]>) => {
      const changed: string[] = [];
      const stored = store.of(changed);
      const related = new RelatedStories(600_000, (slugs) => changed.push(...slugs), { offThread: { rank, ledes: {} }, stored, archive, log: console.error });
      // As LiveContent does: follow the picks from the newest write, read them when the store says they were written.
      related.follow();
      stored.watch(() => void related.readStored(), console.error);
      return { related, changed };
    };
    const articles = comets(30);
    // The first holds only its fronts (decision 48): it ranks the whole archive as the store hands it over, a batch at a time.
    const first = instance(async function* () {
      yield articles.slice(0, 20);
      yield articles.slice(20);
    });
    const second = instance();
    const [one, two] = [site(articles.slice(0, 3), first.related), site(articles, second.related)];
    first.related.prepare(one);
    second.related.prepare(two);
    await until(() => second.changed.length === 30);
    expect(ranked).toEqual([30]);
    expect(two.related(two.article('science', 'comet-10')!).some((story) => story.reason.kind === 'topics')).toBe(true);

    // The first instance stops; a restarted one ranks nothing and reads no picks until a page asks for a story's, once.
    store.release(first.changed);
    const restarted = instance();
    const three = site(articles, restarted.related);
    restarted.related.prepare(three);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ranked).toEqual([30]);
    expect(store.asked).toEqual([]);
    expect(three.related(three.article('science', 'comet-10')!).every((story) => story.reason.kind === 'section')).toBe(true);
    await restarted.related.load(['comet-10']);
    await restarted.related.load(['comet-10']);
    expect(store.asked).toEqual([['comet-10']]);
    expect(three.related(three.article('science', 'comet-10')!).some((story) => story.reason.kind === 'topics')).toBe(true);

    // A new story: the leading instance ranks the newest and stores what changed; the other reads it.
    const fresh = makeArticle('fresh-comet', { section: 'science', tags: ['Comets'] });
    const [threeNext, twoNext] = [site([fresh, ...articles], restarted.related), site([fresh, ...articles], second.related)];
    await second.related.refresh(twoNext);
    expect(ranked).toEqual([30]);
    second.changed.length = 0;
    await restarted.related.refresh(threeNext);
    expect(ranked).toEqual([30, 31]);
    await until(() => second.changed.includes('comet-0'));
    expect(slugs(twoNext.related(twoNext.article('science', 'comet-0')!))).toContain('fresh-comet');
    expect(second.changed).not.toContain('comet-29');
  });
});

describe('related picks held from a shared store', () => {
  it('are held within a byte budget: after a whole archive\'s picks are read, the oldest read are read again when asked for, the newest are not', async () => {
    const store = sharedPicks();
    const changed: string[] = [];
    const stored = store.of({});
    const related = new RelatedStories(600_000, (slugs) => changed.push(...slugs), { stored, log: console.error });
    related.follow();
    stored.watch(() => void related.readStored(), console.error);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const picks = Array.from({ length: 40_000 }, (_, i): [string, string] => [`story-${i}`, Array.from({ length: 6 }, (_, j) => `another-story-about-something-${i + j + 1}`).join(' ')]);
    await stored.write(picks, true);
    await until(() => changed.length === picks.length);
    await related.load(['story-39999', 'story-0']);
    expect(store.asked).toEqual([['story-0']]);
  });
});

/** Picks kept as a shared store keeps them, for instances named by a token: the first to ask leads until released. */
function sharedPicks() {
  const rows = new Map<string, { picks: string; version: number }>();
  const watchers = new Set<() => void>();
  let version = 0;
  let rankedWhole = false;
  let leader: object | undefined;
  const asked: string[][] = [];
  return {
    asked,
    release(instance: object) {
      if (leader === instance) leader = undefined;
    },
    of(instance: object): StoredPicks {
      return {
        latest: async () => String(version),
        async picksOf(slugs) {
          asked.push(slugs);
          return new Map(slugs.flatMap((slug): [string, string][] => (rows.has(slug) ? [[slug, rows.get(slug)!.picks]] : [])));
        },
        async *readSince(cursor) {
          const after = [...rows].filter(([, row]) => row.version > Number(cursor)).sort(([, a], [, b]) => a.version - b.version);
          if (after.length) yield { picks: after.map(([slug, row]): [string, string] => [slug, row.picks]), cursor: String(after[after.length - 1][1].version) };
        },
        rankedWhole: async () => rankedWhole,
        lead: async () => (leader ??= instance) === instance,
        async write(picks, whole) {
          if (whole) rows.clear();
          for (const [slug, chosen] of picks) rows.set(slug, { picks: chosen, version: ++version });
          rankedWhole ||= whole;
          for (const written of watchers) written();
        },
        watch(written) {
          watchers.add(written);
          return () => watchers.delete(written);
        },
      };
    },
  };
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The article with a body the serving thread must never read: reading it throws. */
function withUnreadableBody(article: Article): Article {
  const { body: _body, ...fields } = article;
  return Object.defineProperty(fields, 'body', {
    get: () => {
      throw new Error(`the serving thread read the body of ${article.slug}`);
    },
    enumerable: true,
  }) as Article;
}
