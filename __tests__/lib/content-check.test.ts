import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const fixture = path.join(__dirname, '..', 'fixtures', 'valid');

/** `npm run content:check -- DIR` as editors and CI run it. */
function check(dir: string): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/content-check.ts', dir], { cwd: root, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, PHOTOS_DIR: path.join(fixture, 'public', 'photos') } });
    return { status: 0, output };
  } catch (error) {
    const { status, stdout, stderr } = error as { status: number; stdout: string; stderr: string };
    return { status, output: stdout + stderr };
  }
}

describe('npm run content:check', () => {
  it('passes a valid folder with a summary of what readers would see', () => {
    const { status, output } = check(path.join(fixture, 'content'));
    expect(status).toBe(0);
    expect(output).toMatch(/valid\. 3 public, 0 embargoed, 0 draft, 0 withdrawn; 2 sections, 2 authors/);
  });

  it('fails a broken folder, naming the file and field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-check-'));
    fs.cpSync(path.join(fixture, 'content'), dir, { recursive: true });
    const file = path.join(dir, 'articles', 'border-talks.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('section: world', 'section: sport'));
    const { status, output } = check(dir);
    expect(status).toBe(1);
    expect(output).toContain('articles/border-talks.md: section: "sport" is not a section in sections.yml');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
