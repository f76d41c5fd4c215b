import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContentVersion } from '@/lib/content/catalogue';
import { parseFrontMatter } from '@/lib/content/front-matter';
import { ChangeRefused } from '@/lib/store/changes';
import { defaultEntryId, entryOfRequest, PublishRefused, requestProblem, writeEntry } from '@/lib/store/live-entries';

/**
 * Live blog entries written as the endpoints and `npm run publish` write them: the request made
 * into the file an editor would save, checked as a file is, and written to the content folder.
 */
const root = path.join(__dirname, '..', '..');
const fixture = path.join(__dirname, '..', 'fixtures', 'valid');
const photosDir = path.join(fixture, 'public', 'photos');
const NOW = Date.parse('2026-12-02T14:05:33Z');

let contentDir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-entries-'));
  fs.cpSync(path.join(fixture, 'content'), contentDir, { recursive: true });
  // rocket-launch becomes a live blog; border-talks stays an ordinary story.
  const story = path.join(contentDir, 'articles', 'rocket-launch.md');
  fs.writeFileSync(story, fs.readFileSync(story, 'utf8').replace(/^---\n/, '---\nlive: true\n'));
  env = { ...process.env, CONTENT_DIR: contentDir, PHOTOS_DIR: photosDir, DATABASE_URL: '' };
});
afterEach(() => fs.rmSync(contentDir, { recursive: true, force: true }));

const entryAt = (id: string) => path.join(contentDir, 'live', 'rocket-launch', `${id}.md`);
const frontMatterOf = (id: string) => parseFrontMatter(fs.readFileSync(entryAt(id), 'utf8')).data as Record<string, unknown>;
const files = () => fs.readdirSync(contentDir, { recursive: true, encoding: 'utf8' }).sort();

function post(fields: Record<string, unknown>, id?: string) {
  const entry = entryOfRequest(fields, id, NOW);
  if (entry.problems) throw new Error(entry.problems.join('; '));
  return writeEntry({ kind: 'entry', story: 'rocket-launch', id: entry.id, text: entry.text, create: id === undefined }, { keepPosted: !entry.postedGiven, env });
}

async function refusal(write: Promise<unknown>): Promise<unknown> {
  try {
    await write;
  } catch (error) {
    return error;
  }
  throw new Error('the write was not refused');
}

describe('a request made into an entry file', () => {
  it('puts the fields in the front matter and the body below, posted now with an offset when absent', () => {
    const entry = entryOfRequest({ body: 'Lift-off.\n', title: 'Lift-off', key: true }, undefined, NOW);
    expect(entry).toEqual({ id: '20261202-140533-lift-off', postedGiven: false, text: '---\nposted: 2026-12-02T14:05:33+00:00\ntitle: Lift-off\nkey: true\n---\nLift-off.\n' });
  });

  it('takes an id made of the posted time and the title\'s first words, or a random suffix', () => {
    expect(defaultEntryId('2026-12-02T23:59:59+01:00', 'Élection : les bureaux ferment à 20 h, premiers résultats')).toBe('20261202-225959-election-les-bureaux-ferment-a');
    expect(defaultEntryId(undefined, '!!!', NOW)).toMatch(/^20261202-140533-[0-9a-f]{6}$/);
    expect(defaultEntryId('not a time', undefined, NOW)).toMatch(/^20261202-140533-[0-9a-f]{6}$/);
  });

  it('names each problem of the request itself as field: problem', () => {
    expect(entryOfRequest([], undefined, NOW).problems).toEqual(['body: the request must be a JSON object with the entry\'s fields']);
    expect(entryOfRequest({ title: 'No body', id: 'Not An Id', colour: 'red' }, undefined, NOW).problems).toEqual([
      'colour: is not a field of an entry (body, id, posted, title, authors, key, pinned, status, photo, corrections)',
      'body: is required: the update as a Markdown string',
      'id: must be lower-case words and digits joined by hyphens, e.g. "polls-close-2200"',
    ]);
    expect(entryOfRequest({ body: 'x', id: 'other' }, 'this-one', NOW).problems).toEqual(['id: is "other" but the URL names "this-one": leave it out or make them the same']);
    expect(requestProblem({ file: 'live/a/B.md', field: 'file name', problem: 'must be…' })).toBe('id: must be…');
  });
});

describe('an entry written to the content folder', () => {
  it('is created as live/<story>/<id>.md, valid for the site, with its permalink; never over an existing one', async () => {
    const written = await post({ body: 'The rocket **lifted off**.', title: 'Lift-off', posted: '2026-11-21T10:00:00+09:00', key: true });
    expect(written).toEqual({ file: 'live/rocket-launch/20261121-010000-lift-off.md', url: '/science/rocket-launch/updates/20261121-010000-lift-off', created: true });
    expect(frontMatterOf('20261121-010000-lift-off')).toEqual({ posted: '2026-11-21T10:00:00+09:00', title: 'Lift-off', key: true });
    const { problems } = loadContentVersion({ contentDir, photosDir });
    expect(problems).toEqual([]);
    expect(files().filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const again = await refusal(post({ body: 'Twice.', id: '20261121-010000-lift-off' }));
    expect(again).toBeInstanceOf(ChangeRefused);
    expect((again as ChangeRefused).reason).toBe('entry-exists');
    expect(fs.readFileSync(entryAt('20261121-010000-lift-off'), 'utf8')).toContain('The rocket **lifted off**.');
  });

  it('is replaced by PUT, keeping its posted time when the replacement gives none', async () => {
    await post({ body: 'First.', id: 'first', posted: '2026-11-21T10:00:00+09:00' });
    const replaced = await post({ body: 'First, corrected.', pinned: true }, 'first');
    expect(replaced.created).toBe(false);
    expect(frontMatterOf('first')).toEqual({ posted: '2026-11-21T10:00:00+09:00', pinned: true });
    expect((await post({ body: 'Made by PUT.' }, 'made-by-put')).created).toBe(true);
  });

  it('is deleted as a tombstone: status deleted, body kept', async () => {
    await post({ body: 'A mistake.', id: 'mistake', posted: '2026-11-21T10:00:00+09:00' });
    const deleted = await writeEntry({ kind: 'delete-entry', story: 'rocket-launch', id: 'mistake' }, { env });
    expect(deleted.created).toBe(false);
    expect(frontMatterOf('mistake')).toEqual({ posted: '2026-11-21T10:00:00+09:00', status: 'deleted' });
    const missing = await refusal(writeEntry({ kind: 'delete-entry', story: 'rocket-launch', id: 'never-was' }, { env }));
    expect((missing as ChangeRefused).reason).toBe('no-entry');
  });

  it('is refused with the problems a file would have, and nothing is written', async () => {
    const before = files();
    const refused = await refusal(post({ body: '   ', posted: 'yesterday', authors: ['nobody'], key: 'yes' }));
    expect(refused).toBeInstanceOf(PublishRefused);
    expect((refused as PublishRefused).problems.map(requestProblem)).toEqual([
      'posted: must be an ISO 8601 date-time with an offset, e.g. 2026-11-24T09:30:00+09:00',
      'key: must be true or false',
    ]);
    const authors = await refusal(post({ body: 'Hello', posted: '2026-11-21T10:00:00+09:00', authors: ['nobody'] }));
    expect((authors as PublishRefused).problems.map(requestProblem)).toEqual(['authors[0]: "nobody" has no file authors/nobody.md']);
    expect(files()).toEqual(before);
  });

  it('needs a story that is a live blog', async () => {
    const entry = { kind: 'entry' as const, id: 'x', text: '---\nposted: 2026-11-21T10:00:00+09:00\n---\nHello\n' };
    const unknown = await refusal(writeEntry({ ...entry, story: 'no-such-story' }, { env }));
    expect([(unknown as ChangeRefused).reason, (unknown as Error).message]).toEqual(['no-story', 'live/no-such-story/x.md: there is no story "no-such-story" to post to']);
    const ordinary = await refusal(writeEntry({ ...entry, story: 'border-talks' }, { env }));
    expect((ordinary as PublishRefused).problems.map(requestProblem)).toEqual(['story: "border-talks" is not a live blog: add live: true to articles/border-talks.md']);
    expect(fs.existsSync(path.join(contentDir, 'live', 'border-talks'))).toBe(false);
  });

  it('is checked against its story and the stories that one relates to, not the whole folder', async () => {
    const story = path.join(contentDir, 'articles', 'rocket-launch.md');
    expect(fs.readFileSync(story, 'utf8')).toContain('related: [border-crossing]');
    // Another story's problem never holds an entry back.
    fs.writeFileSync(path.join(contentDir, 'articles', 'broken.md'), '---\nheadline: [unclosed\n---\nBody.\n');
    expect((await post({ body: 'Still fine.', id: 'with-related', posted: '2026-11-21T10:00:00+09:00' })).created).toBe(true);
    fs.writeFileSync(story, fs.readFileSync(story, 'utf8').replace('related: [border-crossing]', 'related: [no-such-story]'));
    // The story is refused for its own problem, so the entry has no valid story to go with (the catalogue's words).
    const refused = await refusal(post({ body: 'Refused.', id: 'story-broken', posted: '2026-11-21T10:00:00+09:00' }));
    expect((refused as PublishRefused).problems.map(requestProblem)).toEqual([expect.stringMatching(/^story: "rocket-launch" is not a story/)]);
    fs.writeFileSync(story, '---\nheadline: [unclosed\n---\nBody.\n');
    const unreadable = await refusal(post({ body: 'Refused.', id: 'story-unreadable', posted: '2026-11-21T10:00:00+09:00' }));
    expect(unreadable).toBeInstanceOf(PublishRefused);
  });

  it('keeps hostile text as text in the file', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))';
    await post({ body: hostile, title: '</script><script>alert(4)</script>', id: 'hostile', posted: '2026-11-21T10:00:00+09:00' });
    expect(frontMatterOf('hostile').title).toBe('</script><script>alert(4)</script>');
    expect(fs.readFileSync(entryAt('hostile'), 'utf8')).toContain(hostile);
  });
});

describe('npm run publish with entry files, into the content folder', () => {
  const publish = (...args: string[]) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, CONTENT_DIR: contentDir, PHOTOS_DIR: photosDir };
    delete childEnv.DATABASE_URL;
    delete childEnv.REDIS_URL;
    try {
      return { code: 0, out: execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'publish.ts'), ...args], { cwd: root, env: childEnv, encoding: 'utf8', stdio: 'pipe' }) };
    } catch (error) {
      const { status, stderr } = error as { status: number; stderr: string };
      return { code: status, out: stderr };
    }
  };

  it('publishes live/<story>/<id>.md and --live STORY FILE.md, deletes with --delete-entry, refuses a bad one', () => {
    const drafts = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-entry-drafts-'));
    try {
      const byPath = path.join(drafts, 'live', 'rocket-launch', 'countdown.md');
      fs.mkdirSync(path.dirname(byPath), { recursive: true });
      fs.writeFileSync(byPath, '---\nposted: 2026-11-21T09:00:00+09:00\ntitle: Countdown\n---\nT minus one hour.\n');
      const byOption = path.join(drafts, 'lift-off.md');
      fs.writeFileSync(byOption, '---\nposted: 2026-11-21T10:00:00+09:00\nkey: true\n---\nLift-off.\n');
      expect(publish(byPath, '--live', 'rocket-launch', byOption)).toMatchObject({ code: 0, out: expect.stringContaining('live/rocket-launch/countdown.md, live/rocket-launch/lift-off.md') });
      expect(fs.readFileSync(entryAt('lift-off'), 'utf8')).toContain('Lift-off.');
      expect(publish('--delete-entry', 'rocket-launch', 'countdown')).toMatchObject({ code: 0 });
      expect(frontMatterOf('countdown').status).toBe('deleted');
      expect(publish('--live', 'border-talks', byOption)).toMatchObject({ code: 1, out: expect.stringContaining('live/border-talks/lift-off.md: folder: "border-talks" is not a live blog') });
      fs.writeFileSync(byOption, '---\nposted: 2026-11-21T10:00:00+09:00\nkey: maybe\n---\nLift-off.\n');
      expect(publish('--live', 'rocket-launch', byOption)).toMatchObject({ code: 1, out: expect.stringContaining('live/rocket-launch/lift-off.md: key: must be true or false') });
      expect(fs.readFileSync(entryAt('lift-off'), 'utf8')).toContain('key: true');
    } finally {
      fs.rmSync(drafts, { recursive: true, force: true });
    }
  }, 60_000);
});
