/**
 * Renders sample cards in a process with the network cut off, and prints what came out as
 * JSON. Run by render-cards.test.ts under tsx: Jest cannot load next/og's ESM renderer.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import sharp from 'sharp';

const networkAttempts: string[] = [];
function refuse(what: string) {
  return (...args: unknown[]) => {
    networkAttempts.push(`${what} ${String(args[0])}`);
    throw new Error(`network access is disabled in this test (${what})`);
  };
}
const localFetch = globalThis.fetch;
// data: URLs are not network (satori's layout engine loads its wasm from one); anything else is.
globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
  String(input instanceof Request ? input.url : input).startsWith('data:')
    ? localFetch(input, init)
    : Promise.reject(new Error(`network access is disabled in this test (fetch ${String(input)})`)).finally(() =>
        networkAttempts.push(`fetch ${String(input)}`),
      )) as typeof fetch;
net.Socket.prototype.connect = refuse('socket') as never;
http.request = refuse('http') as never;
https.request = refuse('https') as never;

const fallbacks: string[] = [];
console.error = (...args: unknown[]) => void fallbacks.push(args.map(String).join(' '));

async function main() {
  const { cardResponse } = await import('@/lib/og/cards');
  const { getContent } = await import('@/lib/content/repository');
  const article = getContent().articles[0];
  const hero = article.hero!;
  const samples: Record<string, () => Promise<Response>> = {
    longHeadline: () =>
      cardResponse({ kind: 'article', section: 'Business', headline: 'Parliament votes on the budget after a night of talks '.repeat(12).trim(), photo: hero }),
    emojiHeadline: () => cardResponse({ kind: 'article', section: 'Sport', headline: 'Fans celebrate 🎉🔥 as the team 👨‍👩‍👧‍👦 wins the cup 🏆', photo: hero }),
    cyrillicHeadline: () => cardResponse({ kind: 'article', section: 'Мир', headline: 'Жители Москвы встретили первый снег: «Зима пришла»', photo: hero }),
    otherScripts: () => cardResponse({ kind: 'article', section: 'World', headline: '東京で記者会見 مؤتمر صحفي 🇯🇵', photo: hero }),
    galleryPhoto: () => cardResponse({ kind: 'gallery-photo', photo: { ...hero, caption: 'Ελληνικά και English ✨ in one caption.' } }),
    front: () => cardResponse({ kind: 'front', title: 'World', description: 'News from every continent.' }),
    missingPhoto: () => cardResponse({ kind: 'article', section: 'World', headline: 'A photo went missing', photo: { ...hero, src: '/photos/missing.jpg' } }),
  };
  const results = [];
  for (const [name, render] of Object.entries(samples)) {
    const response = await render();
    const jpeg = Buffer.from(await response.arrayBuffer());
    const { width, height, format } = await sharp(jpeg).metadata();
    if (process.env.CARD_SAMPLES_DIR) await sharp(jpeg).toFile(`${process.env.CARD_SAMPLES_DIR}/${name}.jpg`);
    results.push({ name, contentType: response.headers.get('content-type'), bytes: jpeg.length, width, height, format });
  }
  process.stdout.write(JSON.stringify({ results, networkAttempts, fallbacks }));
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
