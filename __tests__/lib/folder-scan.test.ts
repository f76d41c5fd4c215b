import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LiveContent } from '@/lib/content/live';
import { scanFoldersOffThread } from '@/lib/content/scan-off-thread';
import { folderSource, type SourceChanges } from '@/lib/content/source';
import { listFolder } from '@/lib/content/stamps';
import { waitFor } from '../helpers/wait';

const fixture = path.join(__dirname, '..', 'fixtures', 'valid');

/** The poll's scan of every stamp in the content folder, made by a worker thread (the production server's). */
describe('the folder scan off the serving thread', () => {
  let dirs: { contentDir: string; photosDir: string };
  const file = (relative: string) => path.join(dirs.contentDir, relative);
  const edit = (relative: string) => fs.writeFileSync(file(relative), fs.readFileSync(file(relative), 'utf8').replace(/headline: .*/, `headline: Edited ${Date.now()}`));
  const headlineOf = (relative: string) => fs.readFileSync(file(relative), 'utf8').match(/headline: (.*)/)![1];
  /** Files' stamps change by size or time: each edit below moves the time on. */
  const later = () => new Promise((resolve) => setTimeout(resolve, 20));

  beforeEach(() => {
    dirs = { contentDir: fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-scan-')), photosDir: '' };
    fs.cpSync(path.join(fixture, 'content'), dirs.contentDir, { recursive: true });
    dirs.photosDir = path.join(dirs.contentDir, 'photos');
    fs.cpSync(path.join(fixture, 'public', 'photos'), dirs.photosDir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dirs.contentDir, { recursive: true, force: true }));

  it('names the documents and photos saved, added and removed since they were read, and only those', async () => {
    const source = folderSource(dirs, undefined, scanFoldersOffThread);
    const started = source.read() as { signature: string };
    try {
      const relative = (paths: string[]) => paths.map((absolute) => path.relative(dirs.contentDir, absolute)).sort();
      // The worker's first scan is of every stamp: nothing differs from the start's.
      expect(await source.scanChanged!()).toEqual([]);

      await later();
      edit('articles/rocket-launch.md');
      fs.copyFileSync(file('articles/border-talks.md'), file('articles/border-talks-copy.md'));
      fs.rmSync(file('articles/border-crossing.md'));
      fs.copyFileSync(path.join(dirs.photosDir, 'wide.jpg'), path.join(dirs.photosDir, 'wide-2.jpg'));
      const found = await source.scanChanged!();
      expect(relative(found)).toEqual(['articles/border-crossing.md', 'articles/border-talks-copy.md', 'articles/rocket-launch.md', 'photos/wide-2.jpg']);
      // Named, they are read as a watcher's hints are.
      const read = source.changes!(found) as SourceChanges;
      expect(read.documents.map((d) => [d.file, d.text === undefined ? 'removed' : 'read'])).toEqual([
        ['articles/border-crossing.md', 'removed'],
        ['articles/border-talks-copy.md', 'read'],
        ['articles/rocket-launch.md', 'read'],
      ]);
      expect(read.photos).toEqual(['/photos/wide-2.jpg']);
      // The digest kept file by file is the one a scan from nothing gives.
      expect(read.signature).not.toBe(started.signature);
      expect(read.signature).toBe(source.signature());
      expect(await source.scanChanged!()).toEqual([]);

      // A save a watcher named and read already is not named again.
      await later();
      edit('articles/border-talks.md');
      source.changes!([file('articles/border-talks.md')]);
      expect(await source.scanChanged!()).toEqual([]);
      // A file named but then not read (a check that failed) is named again by a later scan, within ten.
      await later();
      edit('articles/rocket-launch.md');
      expect(relative(await source.scanChanged!())).toEqual(['articles/rocket-launch.md']);
      const named: string[][] = [];
      for (let scan = 0; scan < 10; scan++) named.push(relative(await source.scanChanged!()));
      expect(named.filter((paths) => paths.length)).toEqual([['articles/rocket-launch.md']]);
    } finally {
      source.close!();
    }
  });

  it('sends what changed since the previous scan, and every stamp each tenth scan', async () => {
    const scanner = scanFoldersOffThread(dirs);
    const first = await scanner.scan();
    expect(first.changed).toBeUndefined();
    expect(first.found.content.split('\0')).toContain('articles/rocket-launch.md');
    const kinds: string[] = [];
    for (let scan = 1; scan < 12; scan++) {
      if (scan === 5) fs.rmSync(file('articles/border-crossing.md'));
      const { changed } = await scanner.scan();
      kinds.push(changed === undefined ? 'all' : changed.content || 'none');
    }
    expect(kinds).toEqual(['none', 'none', 'none', 'none', 'articles/border-crossing.md\0', 'none', 'none', 'none', 'none', 'all', 'none']);
    // A scan stopped by close() fails; the next one starts afresh.
    const stopped = scanner.scan();
    scanner.close();
    await expect(stopped).rejects.toThrow(/stopped/);
    expect((await scanner.scan()).found.content).toBe(first.found.content.replace(/articles\/border-crossing\.md\0[^\0]*\0/, ''));
  });

  it("serves a change the production server's poll found, with no watcher naming it, and no check waiting for the scan", async () => {
    const logs: string[] = [];
    const source = folderSource(dirs, undefined, scanFoldersOffThread);
    const scanChanged = source.scanChanged!.bind(source);
    let scans = 0;
    let releaseScan!: () => void;
    const held = new Promise<void>((resolve) => (releaseScan = resolve));
    // The first scan takes as long as the test holds it: a named save is live meanwhile.
    source.scanChanged = async () => (scans++ === 0 ? held.then(scanChanged) : scanChanged());
    source.watch = () => () => undefined;
    const live = new LiveContent(dirs, { watch: true, pollMs: 20, log: (m) => logs.push(m) }, source);
    try {
      await waitFor(() => scans === 1, 5_000);
      await later();
      edit('articles/border-talks.md');
      await live.refresh({ files: ['articles/border-talks.md'] });
      expect(live.current().articles.find((a) => a.slug === 'border-talks')?.headline).toBe(headlineOf('articles/border-talks.md'));

      edit('articles/rocket-launch.md');
      releaseScan();
      await waitFor(() => live.current().articles.find((a) => a.slug === 'rocket-launch')?.headline === headlineOf('articles/rocket-launch.md'), 5_000);
      expect(logs.filter((m) => m.includes('problem'))).toEqual([]);
    } finally {
      await live.close();
    }
  });
});

describe('listFolder', () => {
  it('lists what a recursive readdir lists, through links to folders, and does not follow a link back up the tree round', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-list-'));
    try {
      fs.mkdirSync(path.join(root, 'articles', '2026', 'march'), { recursive: true });
      fs.writeFileSync(path.join(root, 'articles', 'a.md'), '');
      fs.writeFileSync(path.join(root, 'articles', '2026', 'march', 'b.md'), '');
      fs.mkdirSync(path.join(root, 'elsewhere'));
      fs.writeFileSync(path.join(root, 'elsewhere', 'c.md'), '');
      fs.symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'articles', 'linked'));
      fs.symlinkSync(path.join(root, 'articles', 'a.md'), path.join(root, 'articles', 'a-link.md'));
      const expected = (fs.readdirSync(path.join(root, 'articles'), { recursive: true, encoding: 'utf8' }) as string[]).sort();
      expect(listFolder(path.join(root, 'articles')).sort()).toEqual(expected);
      expect(expected).toEqual(['2026', '2026/march', '2026/march/b.md', 'a-link.md', 'a.md', 'linked', 'linked/c.md']);

      fs.symlinkSync(root, path.join(root, 'elsewhere', 'up'));
      const listed = listFolder(root);
      expect(listed).toContain('elsewhere/c.md');
      expect(listed.filter((entry) => entry.endsWith('/c.md')).length).toBeLessThan(5);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
