import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row } from '../../scripts/lighthouse';
import { baseUrl } from './helpers/browser';

/**
 * Lighthouse's mobile preset on the home page, an article and a search results page (its SEO
 * score without the audit its required noindex fails: scripts/lighthouse.ts), every CI run, through the same
 * script as `npm run lighthouse`. That command records the figures (5 runs, both presets, target
 * performance >= 95, docs/benchmarks/lighthouse.md); here 3 runs and, for performance only, a
 * margin for a CI machine's noise. The other categories have none: they do not depend on timing.
 * The margin is wide because total blocking time is measured from a trace of this machine: the
 * same build scored 96-99 one week and 80-92 the next (blocking time 70-190 ms, then 220-1,600 ms)
 * in a newer Chromium. Layout shift does not depend on timing, so no run may lose points on it;
 * script weight has its own budget (quality.test.ts).
 */
const PERFORMANCE_FLOOR = 75;
const ROOT = path.resolve(__dirname, '..', '..');

function runLighthouse(output: string): Promise<string> {
  const args = ['--import', 'tsx', 'scripts/lighthouse.ts', '--url', baseUrl(), '--runs', '3', '--preset', 'mobile', '--json', output];
  // The script exits 1 when a row misses issue 5's targets; the rows are judged below.
  return new Promise((resolve) => execFile(process.execPath, args, { cwd: ROOT }, (_, stdout, stderr) => resolve(`${stdout}\n${stderr}`)));
}

it('scores accessibility, best practices and SEO 100 on mobile, and performance near its target', async () => {
  const output = path.join(os.tmpdir(), `newsbite-lighthouse-${process.pid}.json`);
  const log = await runLighthouse(output);
  if (!fs.existsSync(output)) throw new Error(`Lighthouse wrote no results:\n${log}`);
  const rows = JSON.parse(fs.readFileSync(output, 'utf8')) as Row[];
  fs.rmSync(output);
  expect(rows.map((row) => row.page)).toEqual([expect.stringMatching(/^home/), expect.stringMatching(/^article/), expect.stringMatching(/^live blog/), expect.stringMatching(/^search/)]);
  // The noindex is there: Lighthouse's crawlability audit fails on search results, and only there.
  expect(rows.map((row) => row.findings.some((finding) => finding.startsWith('is-crawlable')))).toEqual([false, false, false, true]);
  const failures = rows.flatMap((row) => [
    ...(['accessibility', 'best-practices', 'seo'] as const)
      .filter((category) => row.scores[category] < 100)
      .map((category) => `${row.page}: ${category} ${row.scores[category]}`),
    ...(row.scores.performance < PERFORMANCE_FLOOR ? [`${row.page}: performance ${row.scores.performance}`] : []),
    ...row.findings.filter((finding) => finding.startsWith('cumulative-layout-shift')).map((finding) => `${row.page}: ${finding}`),
  ]);
  const findings = rows.map((row) => `${row.page}: ${row.findings.join(', ') || 'none'}`).join('\n');
  expect({ failures, findings: failures.length ? findings : 'not needed' }).toEqual({ failures: [], findings: 'not needed' });
}, 10 * 60_000);
