/**
 * Page weight of an article against Next's framework baseline, measured in Debian's Chromium
 * against a production build (see docs/quality-gate.md for the definitions). Writes
 * docs/benchmarks/page-weight.md.
 *
 *   npm run weight                                # builds into .next-quality, serves, measures
 *   npm run weight -- --url http://127.0.0.1:3000
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../__tests__/e2e/helpers/browser';
import {
  ARTICLE_JS_BUDGET,
  BASELINE_PATH,
  kb,
  measurePageWeight,
  scriptsBeyond,
  type PageWeight,
} from '../__tests__/e2e/helpers/page-weight';
import { galleryArticle } from '../__tests__/e2e/helpers/pages';
import { withProductionSite } from './production-site';

const OUTPUT = path.resolve(__dirname, '..', 'docs', 'benchmarks', 'page-weight.md');

async function main() {
  const [baseline, home, article] = await withProductionSite(async (baseUrl) => {
    const browser = await launchBrowser();
    try {
      const measured: PageWeight[] = [];
      for (const pagePath of [BASELINE_PATH, '/', galleryArticle.path]) measured.push(await measurePageWeight(browser, baseUrl, pagePath));
      return measured;
    } finally {
      await browser.close();
    }
  });
  const extra = scriptsBeyond(article, baseline);
  const heroFile = encodeURIComponent(galleryArticle.hero!.src);
  const heroIsLcp = !!article.lcp?.url.includes(heroFile);
  const heroPreloaded = article.preloadedImages.some((srcset) => srcset.includes(heroFile));
  const row = (name: string, w: PageWeight) =>
    `| ${name} | \`${w.path}\` | ${kb(w.jsGzipBytes)} (${w.scripts.length} files) | ${kb(scriptsBeyond(w, baseline).gzipBytes)} | ${kb(w.htmlBytes)} | ${kb(w.htmlGzipBytes)} |`;
  const doc = `# Page weight

Measured ${new Date().toISOString()} in Chromium (412x823 phone) against the production server; every size is
gzip at zlib's default level. Regenerate with \`npm run weight\`.

| page | path | JavaScript (gzip) | beyond the baseline | HTML | HTML (gzip) |
| --- | --- | ---: | ---: | ---: | ---: |
${row('framework baseline (404 page)', baseline)}
${row('home page', home)}
${row('article with a gallery', article)}

Budget: article JavaScript <= baseline + ${kb(ARTICLE_JS_BUDGET)}: ${extra.gzipBytes <= ARTICLE_JS_BUDGET ? 'met' : 'MISSED'} (${kb(extra.gzipBytes)} beyond).

Scripts the article loads beyond the baseline:

${extra.scripts.map((s) => `- \`${s.path}\`: ${kb(s.gzipBytes)}`).join('\n') || '- none'}

Hero photo: largest contentful paint ${heroIsLcp ? 'yes' : `NO (${JSON.stringify(article.lcp)})`}; preloaded with
\`<link rel="preload" as="image">\` in \`<head>\`: ${heroPreloaded ? 'yes' : 'NO'}.
`;
  fs.writeFileSync(OUTPUT, doc);
  console.log(doc);
  if (extra.gzipBytes > ARTICLE_JS_BUDGET || !heroIsLcp || !heroPreloaded) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
