import { launchBrowser } from '../__tests__/e2e/helpers/browser';
import { largestContentfulPaint } from '../__tests__/e2e/helpers/measure';
import { getContent } from '../lib/content/repository';
(async () => {
  const b = await launchBrowser();
  const arts = getContent().articles;
  for (const fonts of ['ok', 'blocked']) {
    let bad: string[] = [];
    for (const a of arts) {
      const ctx = await b.newContext({ viewport: {width:412,height:823}, isMobile: true, deviceScaleFactor: 1.75, baseURL: 'http://127.0.0.1:3500' });
      const page = await ctx.newPage();
      if (fonts === 'blocked') await page.route('**/*.woff2', r => r.abort());
      await page.goto(a.path, { waitUntil: 'networkidle' });
      const lcp = await largestContentfulPaint(page);
      if (!lcp?.url.includes(encodeURIComponent(a.hero.src))) bad.push(a.slug + ':' + lcp?.tag);
      await ctx.close();
    }
    console.log(fonts, arts.length, 'articles; hero not LCP on', bad);
  }
  await b.close();
})();
