import { markdownToHtml } from '@/lib/markdown';

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

  it('survives unbalanced Markdown and HTML', () => {
    expect(() => markdownToHtml('**never closed\n\n<div><p>open')).not.toThrow();
    expect(markdownToHtml('<div><p>open')).toContain('open');
  });
});
