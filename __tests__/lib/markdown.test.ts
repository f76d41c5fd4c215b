import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { markdownToHtml, RenderedMarkdown, renderMarkdown } from '@/lib/markdown';

describe('markdownToHtml', () => {
  it('renders Markdown structure', () => {
    expect(markdownToHtml('## Subhead\n\nSome **bold** text and a [link](https://example.com).')).toBe(
      '<h2>Subhead</h2>\n<p>Some <strong>bold</strong> text and a <a href="https://example.com">link</a>.</p>',
    );
  });

  it.each([
    ['script tags', '<script>alert(1)</script>Hello', /<script/i],
    ['event handlers', '<img src="x.jpg" onerror="alert(1)">', /onerror/i],
    ['javascript: links', '[click](javascript:alert(1))', /javascript:/i],
    ['data: links', '<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:text/i],
    ['inline styles', '<p style="position:fixed">x</p>', /style=/i],
    ['iframes', '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['a second h1', '# Another headline', /<h1/i],
  ])('removes %s', (_name, markdown, forbidden) => {
    expect(markdownToHtml(markdown)).not.toMatch(forbidden);
  });

  it('keeps safe inline HTML and escapes text', () => {
    expect(markdownToHtml('Fish <em>and</em> chips & 1 < 2')).toBe('<p>Fish <em>and</em> chips &#x26; 1 &#x3C; 2</p>');
  });

  it('renders a text without raw HTML as the raw-HTML pass would', () => {
    const rich = [
      '## Heading with *emphasis* and `code`',
      'A [link](https://example.com "Title"), an ![image](/photos/a.jpg), www.example.com, ~~strike~~, 5 > 3, a & b, &copy; &#x41;.',
      'Hard break  \nand backslash\\\nend.',
      '> Quote\n> - one\n>   1. nested',
      '- [ ] task\n- [x] done',
      '| Left | Right |\n|:-----|------:|\n| `x` | **y** |',
      '```js\nif (a > 0) console.log("x & y");\n```',
      '    indented code',
      '***',
      '[javascript](javascript:alert(1)) and a note[^1].',
      '[^1]: The note.',
      'Setext\n======',
    ].join('\n\n');
    const withRawPass = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeRaw)
      .use(rehypeSanitize, { ...defaultSchema, tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== 'h1') });
    const expected = toHtml(withRawPass.runSync(withRawPass.parse(rich)) as Root);
    // Footnotes' data attributes come out bare without it: the same attribute, present and empty.
    expect(renderMarkdown(rich)).toBe(expected.replace(/ (data-footnotes?(-ref)?)=""/g, ' $1'));
    expect(expected).toContain('<table>');
    expect(expected).toContain('data-footnote-ref=""');
  });

  it('survives unbalanced Markdown and HTML', () => {
    expect(() => markdownToHtml('**never closed\n\n<div><p>open')).not.toThrow();
    expect(markdownToHtml('<div><p>open')).toContain('open');
  });
});

describe('RenderedMarkdown', () => {
  const counting = () => {
    const calls: string[] = [];
    return { calls, render: (markdown: string) => (calls.push(markdown), `<p>${markdown}</p>`) };
  };

  it('renders a text once, then answers it from memory', () => {
    const { calls, render } = counting();
    const cache = new RenderedMarkdown(render);
    expect(cache.get('Same text')).toBe('<p>Same text</p>');
    expect(cache.get('Same text')).toBe('<p>Same text</p>');
    expect(calls).toEqual(['Same text']);
  });

  it('renders an edited text again: the key is the text, so no stale HTML survives an edit', () => {
    const { calls, render } = counting();
    const cache = new RenderedMarkdown(render);
    cache.get('Before the correction');
    expect(cache.get('After the correction')).toBe('<p>After the correction</p>');
    expect(cache.get('Before the correction')).toBe('<p>Before the correction</p>');
    expect(calls).toEqual(['Before the correction', 'After the correction']);
  });

  it('keeps the most recently used within its byte budget', () => {
    const { calls, render } = counting();
    const cache = new RenderedMarkdown(render, 2 * (100 + 'x'.repeat(1000).length + 7));
    const [a, b, c] = ['a', 'b', 'c'].map((letter) => letter.repeat(1000));
    cache.get(a);
    cache.get(b);
    cache.get(a); // a is now the most recent: b goes first
    cache.get(c);
    expect(cache.size().entries).toBe(2);
    expect(cache.size().bytes).toBeLessThanOrEqual(2 * (100 + 1007));
    cache.get(a);
    cache.get(b);
    expect(calls).toEqual([a, b, c, b]);
  });

  it('gives the same HTML as rendering every time', () => {
    const markdown = '## Subhead\n\nFish <em>and</em> chips <script>alert(1)</script>';
    expect(markdownToHtml(markdown)).toBe(renderMarkdown(markdown));
    expect(markdownToHtml(markdown)).toBe(renderMarkdown(markdown));
  });
});
