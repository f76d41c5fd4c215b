import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { FIXTURES, makeSite, type Site } from './helpers';

/** `npm run import:ninjs -- FILE_OR_DIR...` is `node --import tsx scripts/import-ninjs.ts`. */
const run = promisify(execFile);
const script = path.resolve(__dirname, '..', '..', '..', 'scripts', 'import-ninjs.ts');

async function cli(site: Site, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CONTENT_DIR: site.dirs.contentDir };
  delete env.PHOTOS_DIR;
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: path.resolve(__dirname, '..', '..', '..'),
      env,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('import:ninjs CLI', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite();
  });
  afterAll(() => site.cleanup());

  it('prints one line per document and exits 1 when any was rejected', async () => {
    const drop = path.join(site.dir, 'drop');
    fs.mkdirSync(drop);
    for (const name of ['kill-seq-1_v2_usable.json', 'text-only.json', 'not-json.json']) fs.copyFileSync(path.join(FIXTURES, name), path.join(drop, name));
    const { code, stdout } = await cli(site, [drop]);
    expect(stdout.trim().split('\n')).toEqual([
      'imported urn:newsml:example.org:2026-11-20:kill-correction-test /world/council-approves-night-bus-trial version 2, new in world; text only',
      expect.stringMatching(/^rejected - - \S+not-json\.json: not JSON: /),
      'imported http://wire.example.org/2026/text-only-rates /business/central-bank-holds-rates-steady version 1, new in business; text only',
    ]);
    expect(code).toBe(1);
    site.load();
  }, 60_000);

  it('exits 0 when nothing was rejected (a replay is ignored), and 2 without arguments', async () => {
    const again = await cli(site, [path.join(FIXTURES, 'text-only.json'), path.join(FIXTURES, 'kill-seq-3_v4_canceled.json')]);
    expect(again.stdout.trim().split('\n')).toEqual([
      'ignored http://wire.example.org/2026/text-only-rates /business/central-bank-holds-rates-steady version 1 is not newer than version 1 (a replay)',
      'withdrawn urn:newsml:example.org:2026-11-20:kill-correction-test /world/council-approves-night-bus-trial killed (canceled) by Example Press at version 4: withdrawn for good',
    ]);
    expect(again.code).toBe(0);
    const usage = await cli(site, []);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: npm run import:ninjs -- FILE_OR_DIR/);
  }, 60_000);
});
