import { createHash } from 'node:crypto';
import { contentSecurityPolicy, inlineSourceHashes } from '@/lib/http/content-security-policy';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('inlineSourceHashes', () => {
  it('hashes inline scripts exactly as the browser reads them, and skips external and data scripts', () => {
    const html =
      '<!DOCTYPE html><html><head><script src="/a.js"></script><script>self.__next_f.push([1,"a&amp;b</p>"])</script>' +
      '<script type="application/ld+json">{"@type":"NewsArticle"}</script></head>' +
      '<body><script type="module">import "/x.js"</script><script id="_R_">one()</script><script>one()</script></body></html>';
    expect(inlineSourceHashes(html).scripts).toEqual([
      hash('self.__next_f.push([1,"a&amp;b</p>"])'),
      hash('import "/x.js"'),
      hash('one()'),
    ]);
  });

  it('hashes <style> elements and decoded style attributes separately', () => {
    const html = '<html><head><style>p{color:red}</style></head><body><img style="color:transparent" alt=""><b style="font-family:&quot;A&quot;">x</b></body></html>';
    const hashes = inlineSourceHashes(html);
    expect(hashes.styles).toEqual([hash('p{color:red}')]);
    expect(hashes.styleAttributes).toEqual([hash('color:transparent'), hash('font-family:"A"')]);
  });

  it('does not mistake markup inside text or attributes for a script', () => {
    const html = '<p title="<script>evil()</script>">&lt;script&gt;evil()&lt;/script&gt;</p>';
    expect(inlineSourceHashes(html)).toEqual({ scripts: [], styles: [], styleAttributes: [] });
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only this document’s inline code: no unsafe-inline, no unsafe-eval', () => {
    const policy = contentSecurityPolicy({ scripts: ["'sha256-a'"], styles: [], styleAttributes: ["'sha256-b'"] });
    const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'", "'sha256-a'"]);
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-hashes'", "'sha256-b'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'self'"]);
    expect(directives['form-action']).toEqual(["'self'"]);
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  it('is the strict policy with no inline sources when given none', () => {
    expect(contentSecurityPolicy()).toContain("script-src 'self';");
    expect(contentSecurityPolicy()).toContain("style-src 'self';");
  });
});
