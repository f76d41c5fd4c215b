import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentError } from '@/lib/content/errors';
import { loadContent } from '@/lib/content/catalogue';

const fixture = path.join(__dirname, '..', 'fixtures', 'valid');
const dirs = { contentDir: path.join(fixture, 'content'), photosDir: path.join(fixture, 'public', 'photos') };

describe('loadContent on valid files', () => {
  const content = loadContent(dirs);

  it('loads sections, authors and articles newest first', () => {
    expect(content.sections.map((s) => s.slug)).toEqual(['world', 'science']);
    expect(content.authors.map((a) => a.id)).toEqual(['ann-lee', 'bo-kim']);
    expect(content.articles.map((a) => a.slug)).toEqual(['border-talks', 'rocket-launch', 'border-crossing']);
  });

  it('reads photo sizes from the files and keeps captions and credits', () => {
    const crossing = content.articles.find((a) => a.slug === 'border-crossing')!;
    expect(crossing.hero).toMatchObject({ width: 1600, height: 900, credit: 'Test Photographer/CC0' });
    expect(crossing.gallery.map((p) => [p.width, p.height])).toEqual([
      [400, 400],
      [300, 450],
    ]);
  });

  it('derives path, tags, reading time and syndication defaults', () => {
    const crossing = content.articles.find((a) => a.slug === 'border-crossing')!;
    expect(crossing.path).toBe('/world/border-crossing');
    expect(crossing.tags).toEqual([
      { slug: 'korean-peninsula', name: 'Korean Peninsula' },
      { slug: 'defence', name: 'Defence' },
    ]);
    expect(crossing.readingMinutes).toBe(1);
    expect(crossing.syndication).toEqual({
      source: 'Example Post',
      originalUrl: 'https://example.com/original-story',
      wireLine: 'with Example wires',
      noindexNews: true,
    });
    expect(crossing.published).toBe('2026-11-20T08:00:00+09:00');
  });
});

/** Copies the valid fixture, lets a test break one file, and returns the loader's problems. */
function problemsAfter(edit: (contentDir: string) => void): string[] {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-content-'));
  fs.cpSync(dirs.contentDir, temp, { recursive: true });
  edit(temp);
  try {
    loadContent({ contentDir: temp, photosDir: dirs.photosDir });
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems.map((p) => `${p.file}: ${p.field}: ${p.problem}`);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  throw new Error('expected the content to be rejected');
}

function rewrite(contentDir: string, file: string, from: string | RegExp, to: string) {
  const full = path.join(contentDir, file);
  const text = fs.readFileSync(full, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture edit did not apply to ${file}`);
  fs.writeFileSync(full, next);
}

describe('loadContent rejects malformed content, naming file, field and problem', () => {
  const crossing = 'articles/border-crossing.md';

  it.each<[string, (dir: string) => void, RegExp]>([
    ['missing headline', (d) => rewrite(d, crossing, /^headline:.*\n/m, ''), /^articles\/border-crossing\.md: headline: headline is required/],
    ['bad date', (d) => rewrite(d, crossing, '2026-11-20T08:00:00+09:00', '2026-13-45'), /border-crossing\.md: published: must be an ISO 8601 date-time/],
    ['date without offset', (d) => rewrite(d, crossing, '2026-11-20T08:00:00+09:00', '2026-11-20T08:00:00'), /border-crossing\.md: published: .*offset/],
    ['missing photo file', (d) => rewrite(d, crossing, '/photos/tall.jpg', '/photos/nowhere.jpg'), /border-crossing\.md: gallery\[1\]\.src: file photos\/nowhere\.jpg does not exist/],
    ['unknown status', (d) => rewrite(d, crossing, 'section: world', 'status: pending\nsection: world'), /border-crossing\.md: status: must be one of draft, published, withdrawn/],
    ['a reason without a withdrawal', (d) => rewrite(d, crossing, 'section: world', 'withdrawnReason: Legal.\nsection: world'), /border-crossing\.md: withdrawnReason: is only shown for a withdrawn story/],
    ['a correction before publication', (d) => rewrite(d, crossing, 'section: world', 'corrections: [{ date: "2020-01-01T00:00:00Z", text: Fixed. }]\nsection: world'), /border-crossing\.md: corrections\[0\]\.date: 2020-01-01T00:00:00Z is before published/],
    ['a correction without an offset', (d) => rewrite(d, crossing, 'section: world', 'corrections: [{ date: "2026-11-21T00:00:00", text: Fixed. }]\nsection: world'), /border-crossing\.md: corrections\[0\]\.date: must be an ISO 8601 date-time with an offset/],
    ['an alias that is the story itself', (d) => rewrite(d, crossing, 'section: world', 'aliases: [/world/border-crossing]\nsection: world'), /border-crossing\.md: aliases\[0\]: is the story's own URL/],
    ['an alias that is another story', (d) => rewrite(d, crossing, 'section: world', 'aliases: [/world/border-talks]\nsection: world'), /border-crossing\.md: aliases\[0\]: \/world\/border-talks is the URL of articles\/border-talks\.md/],
    ['no author and no byline', (d) => rewrite(d, crossing, /authors: .*\n/, ''), /border-crossing\.md: authors: needs at least one author id, or a byline/],
    ['empty alt', (d) => rewrite(d, crossing, 'alt: A fence', 'alt: "  "'), /border-crossing\.md: gallery\[0\]\.alt: alt text must not be empty/],
    ['missing credit', (d) => rewrite(d, crossing, /    credit: Test Photographer\/CC0\n(?=  - src: \/photos\/tall)/, ''), /gallery\[0\]\.credit: credit is required/],
    ['unknown section', (d) => rewrite(d, crossing, 'section: world', 'section: sport'), /border-crossing\.md: section: "sport" is not a section in sections\.yml/],
    ['unknown author', (d) => rewrite(d, crossing, 'authors: [ann-lee]', 'authors: [nobody]'), /border-crossing\.md: authors\[0\]: "nobody" has no file authors\/nobody\.md/],
    ['updated before published', (d) => rewrite(d, crossing, '2026-11-20T10:00:00+09:00', '2026-11-19T10:00:00+09:00'), /border-crossing\.md: updated: .* is before published/],
    ['unknown field', (d) => rewrite(d, crossing, 'section: world', 'section: world\nkicker: Exclusive'), /border-crossing\.md: front matter: Unrecognized key: "kicker"/],
    ['curated story that does not exist', (d) => rewrite(d, 'articles/rocket-launch.md', 'related: [border-crossing]', 'related: [no-such-story]'), /rocket-launch\.md: related\[0\]: "no-such-story" is not an article/],
    ['a tag without letters or digits', (d) => rewrite(d, crossing, 'tags: [Korean Peninsula, Defence]', 'tags: [Korean Peninsula, "🚀"]'), /border-crossing\.md: tags\[1\]: needs at least one letter or digit/],
    ['invalid YAML', (d) => rewrite(d, crossing, 'tags: [Korean Peninsula, Defence]', 'tags: [Korean Peninsula'), /border-crossing\.md: front matter: is not valid YAML/],
    ['empty body', (d) => rewrite(d, 'articles/border-talks.md', /---\nTalks[\s\S]*$/, '---\n'), /border-talks\.md: body: is empty/],
    [
      'duplicate slug',
      (d) => {
        fs.mkdirSync(path.join(d, 'articles', '2025'));
        fs.copyFileSync(path.join(d, crossing), path.join(d, 'articles', '2025', 'border-crossing.md'));
      },
      /articles\/border-crossing\.md: slug: duplicates articles\/2025\/border-crossing\.md/,
    ],
  ])('%s', (_name, edit, expected) => {
    const problems = problemsAfter(edit);
    expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  it('reports every problem at once, not only the first', () => {
    const problems = problemsAfter((d) => {
      rewrite(d, crossing, 'section: world', 'section: sport');
      rewrite(d, 'articles/border-talks.md', 'alt: Two flags', 'alt: ""');
    });
    expect(problems).toHaveLength(2);
  });
});
