import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { maxCardBytes } from '@/lib/og/card-image';

interface RenderedCard {
  name: string;
  contentType: string;
  bytes: number;
  width: number;
  height: number;
  format: string;
}

/**
 * Cards are drawn in a child process (tsx): next/og loads its renderer with a dynamic import
 * that Jest's module system cannot run. The child cuts off fetch, sockets and http(s) first.
 */
function renderOffline(): { results: RenderedCard[]; networkAttempts: string[]; fallbacks: string[] } {
  const script = path.join(__dirname, 'render-offline.ts');
  const output = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(output);
}

describe('share cards rendered without network access', () => {
  const rendered = renderOffline();

  it('never tries the network, not even for emoji, CJK or Arabic text', () => {
    expect(rendered.networkAttempts).toEqual([]);
  });

  it('draws every real card, and serves the fallback card only when the photo is missing', () => {
    expect(rendered.fallbacks).toHaveLength(1);
    expect(rendered.fallbacks[0]).toMatch(/Social card failed.*missing\.jpg/s);
  });

  it.each(['longHeadline', 'emojiHeadline', 'cyrillicHeadline', 'otherScripts', 'galleryPhoto', 'front', 'missingPhoto'])(
    '%s is a 1200x630 JPEG under 300 KB',
    (name) => {
      const card = rendered.results.find((result) => result.name === name)!;
      expect(card).toMatchObject({ contentType: 'image/jpeg', format: 'jpeg', width: 1200, height: 630 });
      expect(card.bytes).toBeLessThanOrEqual(maxCardBytes);
    },
  );
});
