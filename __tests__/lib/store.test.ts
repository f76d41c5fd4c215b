import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContentVersion, validateContent } from '@/lib/content/catalogue';
import { readContentFolder } from '@/lib/content/load';
import { applyChanges, withdrawnText } from '@/lib/store/changes';
import { writeFolderVersion } from '@/lib/store/folder';
import { PublishRefused } from '@/lib/store/postgres';

const fixture = path.join(__dirname, '..', 'fixtures', 'valid');
const photosDir = path.join(fixture, 'public', 'photos');

function copyFixture(): string {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-store-'));
  fs.cpSync(path.join(fixture, 'content'), contentDir, { recursive: true });
  return contentDir;
}

describe('raw documents, whatever the store', () => {
  it('validate to exactly what the folder loader gives, in any row order', () => {
    const contentDir = path.join(fixture, 'content');
    const raw = readContentFolder(contentDir);
    const shuffled = { ...raw, articles: [...raw.articles].reverse(), authors: [...raw.authors].reverse() };
    expect(validateContent(shuffled, photosDir)).toEqual(loadContentVersion({ contentDir, photosDir }));
  });

  it('report problems with the same file names and words', () => {
    const raw = readContentFolder(path.join(fixture, 'content'));
    const broken = { ...raw, articles: [...raw.articles, { file: 'articles/2026/bad.md', text: '---\nsection: nowhere\n---\nBody' }] };
    const { problems } = validateContent(broken, photosDir);
    expect(problems.map((p) => `${p.file}: ${p.field}`)).toEqual(expect.arrayContaining(['articles/2026/bad.md: headline']));
  });
});

describe('changes', () => {
  const text = '---\nsection: world\nheadline: "A"   # a comment\nstatus: published\n---\nBody\n';

  it('withdraws by setting status and reason, keeping the rest as written', () => {
    const withdrawn = withdrawnText(text, 'Legal reasons.');
    expect(withdrawn).toBe('---\nsection: world\nheadline: "A" # a comment\nstatus: withdrawn\nwithdrawnReason: Legal reasons.\n---\nBody\n');
  });

  it('replace the article with the same slug where it lives, or add it under articles/', () => {
    const raw = { sections: '', authors: [], articles: [{ file: 'articles/2026/x.md', text }] };
    const { raw: after, written } = applyChanges(raw, [
      { kind: 'article', slug: 'x', text: 'new x' },
      { kind: 'article', slug: 'y', text: 'new y' },
    ]);
    expect(written).toEqual([{ file: 'articles/2026/x.md', text: 'new x' }, { file: 'articles/y.md', text: 'new y' }]);
    expect(after.articles).toHaveLength(2);
    expect(() => applyChanges(raw, [{ kind: 'withdraw', slug: 'nope' }])).toThrow('--withdraw nope: there is no article with that slug');
  });
});

describe('a publish into the content folder', () => {
  let contentDir: string;
  beforeEach(() => {
    contentDir = copyFixture();
  });
  afterEach(() => fs.rmSync(contentDir, { recursive: true, force: true }));

  const list = () => fs.readdirSync(contentDir, { recursive: true, encoding: 'utf8' }).sort();

  it('writes the files once the whole version is valid, and leaves no temporary file', () => {
    const [first] = readContentFolder(contentDir).articles;
    const slug = path.basename(first.file, '.md');
    const changed = first.text.replace(/headline: .*/, 'headline: "Changed by publish"');
    writeFolderVersion({ contentDir, photosDir }, (current) => applyChanges(current, [{ kind: 'article', slug, text: changed }]));
    expect(fs.readFileSync(path.join(contentDir, first.file), 'utf8')).toBe(changed);
    expect(list().filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a change that breaks the version (here: a related pick that does not exist) and writes nothing', () => {
    const before = list().map((name) => [name, fs.statSync(path.join(contentDir, name)).mtimeMs]);
    const [first] = readContentFolder(contentDir).articles;
    const text = first.text.replace(/^---\n/, '---\nrelated: [no-such-story]\n');
    let error: unknown;
    try {
      writeFolderVersion({ contentDir, photosDir }, (current) => applyChanges(current, [
        { kind: 'article', slug: 'brand-new', text: first.text.replace(/headline: .*/, 'headline: "New"') },
        { kind: 'article', slug: path.basename(first.file, '.md'), text },
      ]));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PublishRefused);
    expect((error as PublishRefused).message).toContain('related[0]: "no-such-story" is not an article');
    expect(list().map((name) => [name, fs.statSync(path.join(contentDir, name)).mtimeMs])).toEqual(before);
  });
});

describe('npm run publish into the content folder (no DATABASE_URL)', () => {
  const { execFileSync } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
  const root = path.join(__dirname, '..', '..');
  let contentDir: string;
  beforeEach(() => {
    contentDir = copyFixture();
  });
  afterEach(() => fs.rmSync(contentDir, { recursive: true, force: true }));

  const publish = (...args: string[]) => {
    const env = { ...process.env, CONTENT_DIR: contentDir, PHOTOS_DIR: photosDir, DATABASE_URL: '', REDIS_URL: '' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    try {
      return { code: 0, out: execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'publish.ts'), ...args], { cwd: root, env, encoding: 'utf8', stdio: 'pipe' }) };
    } catch (error) {
      const { status, stderr } = error as { status: number; stderr: string };
      return { code: status, out: stderr };
    }
  };

  it('publishes a new article and withdraws one, or refuses with the problem and writes nothing', () => {
    const [first] = readContentFolder(contentDir).articles;
    const drafts = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-drafts-'));
    const draft = path.join(drafts, 'fresh-story.md');
    fs.writeFileSync(draft, first.text.replace(/headline: .*/, 'headline: "Fresh from the command line"'));
    try {
      const slug = path.basename(draft, '.md');
      expect(publish(draft)).toMatchObject({ code: 0, out: expect.stringContaining(`articles/${slug}.md`) });
      expect(fs.readFileSync(path.join(contentDir, 'articles', `${slug}.md`), 'utf8')).toContain('Fresh from the command line');
      expect(publish('--withdraw', slug, '--reason', 'Test withdrawal.')).toMatchObject({ code: 0 });
      expect(fs.readFileSync(path.join(contentDir, 'articles', `${slug}.md`), 'utf8')).toMatch(/status: withdrawn\nwithdrawnReason: Test withdrawal\./);
      fs.writeFileSync(draft, first.text.replace(/^section: .*/m, 'section: nowhere'));
      const refused = publish(draft);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain(`articles/${slug}.md: section: "nowhere" is not a section in sections.yml`);
      expect(fs.readFileSync(path.join(contentDir, 'articles', `${slug}.md`), 'utf8')).toContain('status: withdrawn');
      expect(publish('--withdraw', 'no-such-story')).toMatchObject({ code: 1, out: expect.stringContaining('there is no article with that slug') });
    } finally {
      fs.rmSync(drafts, { recursive: true, force: true });
    }
  }, 60_000);
});
