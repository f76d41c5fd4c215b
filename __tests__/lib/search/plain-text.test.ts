import { markdownToPlainText } from '@/lib/search/plain-text';

describe('markdownToPlainText', () => {
  it('keeps the words of headings, lists, quotes, emphasis, links and images, without the markup or addresses', () => {
    const markdown = [
      '## Why fly?',
      '- **Ground-generation systems**, like _the one_ above',
      '1. `code` and ~~struck~~',
      '> A quote',
      'See [the report](https://example.com/report "title") and ![a kite](/photos/kite.jpg).',
      '[ref]: https://example.com/hidden',
    ].join('\n\n');
    expect(markdownToPlainText(markdown)).toBe(
      'Why fly? Ground-generation systems, like the one above code and struck A quote See the report and a kite.',
    );
  });

  it('drops what the page never shows: scripts, styles, frames, comments and tags, even unclosed', () => {
    const markdown = 'Before <script>alert("x")</script><style>p{}</style><iframe src="x">frame</iframe> <!-- hidden --> <b>bold</b> <svg onload=alert(1)></svg>after <script>never closed';
    expect(markdownToPlainText(markdown)).toBe('Before bold after');
  });

  it('decodes entities into text (escaping is the page’s job)', () => {
    expect(markdownToPlainText('Fish &amp; chips &lt;b&gt; &#x41;&#66; &bogus; &#0;')).toBe('Fish & chips <b> AB &bogus; &#0;');
  });
});
