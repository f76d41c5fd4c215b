import { execFile } from 'node:child_process';
import path from 'node:path';
import YAML from 'yaml';

const root = path.resolve(__dirname, '..', '..', '..');

/** Runs `npm run publish -- ...args` (the script itself, without npm) with the given environment. */
export function runPublish(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'publish.ts'), ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** An ISO 8601 time `offsetMs` from now, in whole seconds with an explicit offset, as editors write it. */
export const isoFromNow = (offsetMs = 0) => new Date(Math.ceil((Date.now() + offsetMs) / 1000) * 1000).toISOString().replace('.000Z', '+00:00');

/** A valid article file using the repository's own authors and photos. */
export function storyText(slug: string, fields: Record<string, unknown>): string {
  const frontMatter = {
    section: 'science',
    headline: `Headline of ${slug}`,
    standfirst: `What happened in ${slug}, in one sentence.`,
    authors: ['mina-park'],
    published: isoFromNow(-60_000),
    tags: ['Space', 'Store Test'],
    hero: { src: '/photos/dandelion-seeds.jpg', alt: 'Dandelion seeds on a stem', caption: 'Seeds ready to fly.', credit: 'Test Photographer/CC0' },
    ...fields,
  };
  return `---\n${YAML.stringify(frontMatter)}---\nThe body of ${slug}, with enough words to read as a story about space and seeds.\n`;
}
