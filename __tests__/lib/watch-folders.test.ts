import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watchFolders } from '@/lib/content/watch-folders';

let root: string;
let told: string[];
let stop: () => void;

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const relative = () => [...new Set(told.map((absolute) => path.relative(root, absolute)))].sort();

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-watch-'));
  fs.mkdirSync(path.join(root, 'articles'));
  told = [];
  stop = watchFolders(root, (paths) => told.push(...paths), (error) => {
    throw error;
  });
});

afterEach(() => {
  stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('watching the content folders', () => {
  it('names a file saved, replaced by rename or removed in a folder below the root', async () => {
    fs.writeFileSync(path.join(root, 'articles', 'a.md'), 'one');
    await settle();
    fs.writeFileSync(path.join(root, 'articles', '.b.md.tmp'), 'two');
    fs.renameSync(path.join(root, 'articles', '.b.md.tmp'), path.join(root, 'articles', 'b.md'));
    fs.rmSync(path.join(root, 'articles', 'a.md'));
    await settle();
    expect(relative()).toEqual(expect.arrayContaining(['articles/a.md', 'articles/b.md']));
  });

  it('watches a folder made after the start, and names the files saved in it', async () => {
    fs.mkdirSync(path.join(root, 'articles', '2026'));
    await settle();
    told = [];
    fs.writeFileSync(path.join(root, 'articles', '2026', 'c.md'), 'three');
    await settle();
    expect(relative()).toContain('articles/2026/c.md');
  });

  it('never lists a large folder again when one file in it changes', async () => {
    for (let i = 0; i < 2_000; i++) fs.writeFileSync(path.join(root, 'articles', `story-${i}.md`), 'text');
    await settle();
    const listings = jest.spyOn(fs, 'readdirSync');
    try {
      fs.writeFileSync(path.join(root, 'articles', 'new-story.md'), 'new');
      await settle();
      expect(relative()).toContain('articles/new-story.md');
      expect(listings).not.toHaveBeenCalled();
    } finally {
      listings.mockRestore();
    }
  });
});
