import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CatalogueCache } from '@/lib/content/catalogue-cache';
import { LiveContent } from '@/lib/content/live';
import { folderSource } from '@/lib/content/source';

const fixture = path.join(__dirname, '..', 'fixtures', 'valid');

describe('the persisted catalogue', () => {
  let dirs: { contentDir: string; photosDir: string };
  let cache: CatalogueCache;
  const start = () => new LiveContent(dirs, { watch: false, log: () => undefined }, folderSource(dirs, cache));
  const parsedAtStart = () => folderSource(dirs, cache).read() as { raw: { articles: { file: string }[] }; checked?: unknown[] };

  beforeEach(() => {
    dirs = { contentDir: fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-cache-')), photosDir: '' };
    fs.cpSync(path.join(fixture, 'content'), dirs.contentDir, { recursive: true });
    dirs.photosDir = path.join(dirs.contentDir, 'photos');
    fs.cpSync(path.join(fixture, 'public', 'photos'), dirs.photosDir, { recursive: true });
    cache = new CatalogueCache(path.join(dirs.contentDir, '.cache', 'catalogue.json'));
  });
  afterEach(() => fs.rmSync(dirs.contentDir, { recursive: true, force: true }));

  it('lets a restart parse only the files that changed, and serve the same stories', async () => {
    const first = start();
    const stories = first.current().articles.map((a) => [a.slug, a.headline, a.body]);
    await first.close();
    expect(parsedAtStart().raw.articles).toEqual([]);
    const file = path.join(dirs.contentDir, 'articles', 'rocket-launch.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/headline: .*/, 'headline: Rocket launch delayed'));
    expect(parsedAtStart().raw.articles.map((d) => d.file)).toEqual(['articles/rocket-launch.md']);
    const second = start();
    expect(second.current().articles.map((a) => [a.slug, a.headline, a.body])).toEqual(
      stories.map(([slug, headline, body]) => [slug, slug === 'rocket-launch' ? 'Rocket launch delayed' : headline, body]),
    );
    await second.close();
  });

  it('never vouches for a broken file, and forgets articles whose photos changed', async () => {
    const broken = path.join(dirs.contentDir, 'articles', 'border-talks.md');
    fs.writeFileSync(broken, fs.readFileSync(broken, 'utf8').replace(/headline: .*/, 'headline: ""'));
    await start().close();
    expect(parsedAtStart().raw.articles.map((d) => d.file)).toEqual(['articles/border-talks.md']);
    const photo = path.join(dirs.photosDir, 'wide.jpg');
    fs.utimesSync(photo, new Date(), new Date(Date.now() + 5_000));
    const reparsed = parsedAtStart().raw.articles.map((d) => d.file);
    expect(reparsed.length).toBeGreaterThan(1);
    expect(start().status().problems).toEqual(['articles/border-talks.md: headline: headline must not be empty']);
  });

  it('is only a cache: a missing or foreign file means a full read', () => {
    fs.mkdirSync(path.dirname(cache.file), { recursive: true });
    fs.writeFileSync(cache.file, '{"version": 0}');
    expect(parsedAtStart().raw.articles).toHaveLength(3);
    fs.writeFileSync(cache.file, 'not json');
    expect(parsedAtStart().raw.articles).toHaveLength(3);
  });

  it('is written while the thread keeps taking turns, and never vouches for a file changed since it was read', async () => {
    const live = start();
    const file = path.join(dirs.contentDir, 'articles', 'rocket-launch.md');
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    // Changed after it was read and not yet noticed: the cache must not pair the old article with the new stamp.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/headline: .*/, 'headline: Changed during the save'));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    await live.close();
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    expect(parsedAtStart().raw.articles.map((d) => d.file)).toEqual(['articles/rocket-launch.md']);
  });
});
