import { getContent } from '@/lib/content/repository';
import { entriesFeedPath, entryPath } from '@/lib/live-blog';
import { baseUrl } from './helpers/browser';

const content = getContent();

async function status(path: string): Promise<number> {
  return (await fetch(`${baseUrl()}${path}`, { redirect: 'manual' })).status;
}

describe('routes over HTTP', () => {
  it('serves the home page, every section, tag, author and article with 200', async () => {
    const paths = [
      '/',
      ...content.sections.map((s) => `/${s.slug}`),
      ...content.tags.map((t) => `/tag/${t.slug}`),
      ...content.authors.map((a) => a.path),
      ...content.articles.map((a) => a.path),
      ...content.articles.flatMap((a) => a.gallery.map((_, i) => `${a.path}/photos/${i + 1}`)),
      // Live blogs: their entries feed and every entry's permalink.
      ...content.articles.flatMap((a) => {
        const blog = content.liveBlog(a);
        return blog ? [entriesFeedPath(a), ...blog.entries.map((entry) => entryPath(a, entry.id))] : [];
      }),
    ];
    const failures = [];
    for (const path of paths) {
      const code = await status(path);
      if (code !== 200) failures.push(`${path} -> ${code}`);
    }
    expect(failures).toEqual([]);
  });

  it.each([
    '/no-such-section',
    '/world/no-such-story',
    `/${content.articles[0].section === 'world' ? 'science' : 'world'}/${content.articles[0].slug}`,
    '/tag/no-such-tag',
    '/author/nobody',
    '/world/page/1',
    '/world/page/999',
    '/world/page/abc',
    `${content.articles[0].path}/photos/0`,
    `${content.articles[0].path}/photos/99`,
    `${content.articles[0].path}/photos/x`,
    '/world/a/b/c/d',
  ])('answers 404 for %s', async (path) => {
    expect(await status(path)).toBe(404);
  });

  it('links every article from the home page or a section front (two clicks at most)', async () => {
    const reachable = new Set<string>();
    for (const path of ['/', ...content.sections.map((s) => `/${s.slug}`)]) {
      const html = await (await fetch(`${baseUrl()}${path}`)).text();
      for (const match of html.matchAll(/href="([^"]+)"/g)) reachable.add(match[1]);
    }
    expect(content.articles.filter((a) => !reachable.has(a.path)).map((a) => a.path)).toEqual([]);
  });
});
