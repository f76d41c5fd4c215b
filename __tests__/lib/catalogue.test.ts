import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentCatalogue } from '@/lib/content/catalogue';
import { formatProblem } from '@/lib/content/errors';
import { ArticleFile, readContentFolder } from '@/lib/content/load';
import { changeKeys } from '@/lib/document-keys';
import { createRepository } from '@/lib/content/repository';
import { articleFileText } from '../helpers/articles';

const fixture = path.join(__dirname, '..', 'fixtures', 'valid');
const photosDir = path.join(fixture, 'public', 'photos');
const sections = '- slug: world\n  name: World\n  description: World news.\n- slug: science\n  name: Science\n  description: Science news.\n';

const story = (slug: string, fields: Record<string, string> = {}) => ({ file: `articles/${slug}.md`, text: articleFileText(slug, fields) });

function loaded(): ContentCatalogue {
  const catalogue = new ContentCatalogue(photosDir);
  catalogue.load(readContentFolder(path.join(fixture, 'content')));
  expect(catalogue.problems()).toEqual([]);
  return catalogue;
}

const problems = (catalogue: ContentCatalogue) => catalogue.problems().map(formatProblem);
const headlines = (catalogue: ContentCatalogue) => Object.fromEntries(catalogue.content().articles.map((a) => [a.slug, a.headline]));

describe('the content catalogue keeps documents apart', () => {
  it('keeps the last good version of a broken story and still takes everyone else\'s change', () => {
    const catalogue = loaded();
    catalogue.apply([story('alpha'), story('beta')]);
    const change = catalogue.apply([story('alpha', { section: 'nowhere', headline: 'Broken edit' }), story('beta', { headline: 'Beta corrected' })]);
    expect(headlines(catalogue)).toMatchObject({ alpha: 'Headline of alpha', beta: 'Beta corrected' });
    expect(problems(catalogue)).toEqual([expect.stringMatching(/^articles\/alpha\.md: section: "nowhere" is not a section/)]);
    expect(change.articles.map((c) => c.after?.slug)).toEqual(['beta']);
    // Fixed: the edit goes live and the problem is gone.
    catalogue.apply([story('alpha', { headline: 'Alpha fixed' })]);
    expect(headlines(catalogue).alpha).toBe('Alpha fixed');
    expect(problems(catalogue)).toEqual([]);
  });

  it('keeps a story that never was valid out until it is fixed', () => {
    const catalogue = loaded();
    catalogue.apply([story('gamma', { headline: '""' })]);
    expect(headlines(catalogue).gamma).toBeUndefined();
    expect(problems(catalogue)).toEqual(['articles/gamma.md: headline: headline must not be empty']);
  });

  it('parses only the documents whose text changed', () => {
    const catalogue = loaded();
    const raw = readContentFolder(path.join(fixture, 'content'));
    expect(catalogue.load(raw).checked).toEqual([]);
    const edited = { ...raw, articles: raw.articles.map((d) => (d.file === 'articles/rocket-launch.md' ? { ...d, text: d.text.replace(/headline: .*/, 'headline: Relaunched') } : d)) };
    expect(catalogue.load(edited).checked).toEqual(['articles/rocket-launch.md']);
  });

  it('reads a folder file by file when asked, and a whole re-read changes only what did', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-lazy-'));
    try {
      fs.cpSync(path.join(fixture, 'content'), folder, { recursive: true });
      const lazy = readContentFolder(folder, new Set(), { lazyArticles: true });
      expect(lazy.articles.every((document) => document instanceof ArticleFile)).toBe(true);
      const catalogue = new ContentCatalogue(photosDir);
      catalogue.load(lazy);
      expect(catalogue.content().articles).toEqual(loaded().content().articles);
      const rocket = path.join(folder, 'articles', 'rocket-launch.md');
      fs.writeFileSync(rocket, fs.readFileSync(rocket, 'utf8').replace(/headline: .*/, 'headline: Relaunched'));
      fs.rmSync(path.join(folder, 'articles', 'border-talks.md'));
      const again = catalogue.load(readContentFolder(folder, new Set(), { lazyArticles: true }));
      expect(again.articles.map(({ before, after }) => [before?.slug, after?.headline])).toEqual([
        ['border-talks', undefined],
        ['rocket-launch', 'Relaunched'],
      ]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('shares one photo record among stories that show it with the same words', () => {
    const catalogue = loaded();
    const withHero = (slug: string, text = articleFileText(slug, {}, { hero: true })) => ({ file: `articles/${slug}.md`, text });
    catalogue.apply([withHero('first'), withHero('second'), withHero('third', articleFileText('third', {}, { hero: true }).replace('The caption.', 'Another caption.'))]);
    const hero = (slug: string) => catalogue.content().articles.find((a) => a.slug === slug)!.hero!;
    expect(hero('first')).toBe(hero('second'));
    expect(hero('third')).not.toBe(hero('first'));
    expect(hero('third').caption).toBe('Another caption.');
    expect(hero('first').caption).toBe('The caption.');
  });

  it('refuses to remove a section or an author still in use, for that document alone', () => {
    const catalogue = loaded();
    const change = catalogue.apply([
      { file: 'sections.yml', text: '- slug: science\n  name: Science\n  description: Science news.\n' },
      { file: 'authors/ann-lee.md' },
      story('delta'),
    ]);
    expect(catalogue.content().sections.map((s) => s.slug)).toEqual(['world', 'science']);
    expect(catalogue.content().authors.map((a) => a.id)).toContain('ann-lee');
    expect(headlines(catalogue).delta).toBe('Headline of delta');
    expect(change.articles.map((c) => c.after?.slug)).toEqual(['delta']);
    expect(problems(catalogue)).toEqual([
      expect.stringMatching(/^authors\/ann-lee\.md: file: is deleted but \d+ stories \(.*\) still name "ann-lee"/),
      expect.stringMatching(/^sections\.yml: world: is still the section of \d+ stories/),
    ]);
  });

  it('refuses a story that takes another story\'s old URL, and takes it once that story lets go', () => {
    const catalogue = loaded();
    catalogue.apply([story('renamed', { aliases: '[/world/old-name]' })]);
    catalogue.apply([story('thief', { aliases: '[/world/old-name]' })]);
    expect(headlines(catalogue).thief).toBeUndefined();
    expect(problems(catalogue)).toEqual(['articles/thief.md: aliases[0]: /world/old-name is the URL of articles/renamed.md: an old URL cannot point at two stories']);
    catalogue.apply([story('renamed')]);
    expect(headlines(catalogue).thief).toBe('Headline of thief');
    expect(problems(catalogue)).toEqual([]);
  });

  it('takes a story waiting for its author as soon as the author file arrives', () => {
    const catalogue = loaded();
    catalogue.apply([story('epsilon', { authors: '[new-writer]' })]);
    expect(headlines(catalogue).epsilon).toBeUndefined();
    catalogue.apply([{ file: 'authors/new-writer.md', text: '---\nname: New Writer\nrole: Reporter\n---\nWrites.\n' }]);
    expect(headlines(catalogue).epsilon).toBe('Headline of epsilon');
  });

  it('keeps listings in order as stories come, move and go', () => {
    const catalogue = loaded();
    catalogue.apply([story('newest', { published: '2026-11-30T09:00:00+00:00' }), story('oldest', { published: '2020-01-01T09:00:00+00:00' })]);
    catalogue.apply([story('newest', { published: '2019-01-01T09:00:00+00:00' }), { file: 'articles/oldest.md' }]);
    const slugs = catalogue.content().articles.map((a) => a.slug);
    expect(slugs[slugs.length - 1]).toBe('newest');
    expect(slugs).not.toContain('oldest');
    expect(slugs).toEqual([...catalogue.content().articles].sort((a, b) => b.publishedTime - a.publishedTime).map((a) => a.slug));
  });

  it('accepts a folder with a sections.yml written later', () => {
    const catalogue = new ContentCatalogue(photosDir);
    catalogue.load({ articles: [story('zeta')], authors: [{ file: 'authors/ann-lee.md', text: '---\nname: Ann Lee\nrole: Reporter\n---\nBio.\n' }] });
    expect(problems(catalogue)).toEqual([expect.stringMatching(/^articles\/zeta\.md: section/), 'sections.yml: file: is missing: list the sections as YAML (slug, name, description)']);
    catalogue.apply([{ file: 'sections.yml', text: sections }]);
    expect(headlines(catalogue).zeta).toBe('Headline of zeta');
  });
});

describe('change keys', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const keysOf = (edit: (catalogue: ContentCatalogue) => void) => {
    const catalogue = loaded();
    catalogue.apply([story('alpha'), story('beta', { tags: '[Space]' })]);
    const before = createRepository(catalogue.content(), now);
    edit(catalogue);
    const after = createRepository(catalogue.content(), now);
    const slugs = ['alpha', 'beta', 'gamma'];
    const stories = slugs.map((slug) => ({ slug, before: before.bySlug(slug), after: after.bySlug(slug) })).filter((s) => s.before !== s.after);
    return changeKeys({ stories, entries: [], relatedOf: [], site: false }).sort();
  };

  it('an edit in place touches the story (and every list showing it through its key), not the lists', () => {
    expect(keysOf((c) => c.apply([story('alpha', { headline: 'Corrected' })]))).toEqual(['sitemaps', 'story:alpha']);
  });

  it('a new story touches the lists it joins', () => {
    expect(keysOf((c) => c.apply([story('gamma', { section: 'science', tags: '[Space]' })]))).toEqual(
      ['author:ann-lee', 'home', 'section:science', 'sitemaps', 'story:gamma', 'tag:space'],
    );
  });

  it('a withdrawal touches the lists it leaves', () => {
    expect(keysOf((c) => c.apply([story('beta', { tags: '[Space]', status: 'withdrawn' })]))).toEqual(['author:ann-lee', 'home', 'section:world', 'sitemaps', 'story:beta', 'tag:space']);
  });

  it('a withdrawal of a story the catalogue did not hold touches the lists the store logged it in (decision 48)', () => {
    const catalogue = loaded();
    const held = catalogue.apply([story('alpha')]).articles[0].after!;
    // As a store's change log hands it over: checked, with the lists it was in before.
    const withdrawn = { ...held, slug: 'delta', path: '/world/delta', sourceFile: 'articles/delta.md', status: 'withdrawn' as const, revision: 'withdrawn' };
    const change = catalogue.apply([{ file: withdrawn.sourceFile, checked: withdrawn, formerLists: ['published', 'section:world', 'tag:space', 'corrections'] }]);
    expect(change.articles).toEqual([{ before: undefined, after: withdrawn, formerLists: ['published', 'section:world', 'tag:space', 'corrections'] }]);
    const stories = [{ slug: 'delta', after: withdrawn, formerLists: change.articles[0].formerLists }];
    expect(changeKeys({ stories, entries: [], relatedOf: [], site: false }).sort()).toEqual(['corrections', 'home', 'section:world', 'sitemaps', 'story:delta', 'tag:space']);
  });
});
