import { parseFrontMatter, splitFrontMatter } from '@/lib/content/front-matter';

describe('front matter', () => {
  it.each([
    ['---\nheadline: A\n---\nBody\n', 'headline: A', 'Body\n'],
    ['\ufeff---\nheadline: A\n---\nBody', 'headline: A', 'Body'],
    ['---\r\nheadline: A\r\n---\r\nBody\r\n', 'headline: A\r', 'Body\r\n'],
    ['---yaml\nheadline: A\n---\n\nBody', 'headline: A', '\nBody'],
    ['---\n---\nBody', '', 'Body'],
    ['---\nheadline: A\n', 'headline: A\n', ''],
  ])('splits %j', (text, yaml, content) => {
    const split = splitFrontMatter(text);
    expect(split.yaml?.trim()).toBe(yaml.trim());
    expect(split.content).toBe(content);
  });

  it.each([['No front matter\n---\nx: 1\n---\n'], ['----\nx: 1\n----\nBody']])('leaves %j as body only', (text) => {
    expect(splitFrontMatter(text)).toEqual({ yaml: undefined, content: text });
    expect(parseFrontMatter(text).data).toEqual({});
  });

  it('parses YAML 1.2 core: dates stay as written, comments only is empty', () => {
    expect(parseFrontMatter('---\npublished: 2026-11-25T09:00:00+01:00\ncount: 3\n---\nBody').data).toEqual({ published: '2026-11-25T09:00:00+01:00', count: 3 });
    expect(parseFrontMatter('---\n# only a comment\n---\nBody')).toEqual({ data: {}, content: 'Body' });
  });

  it('throws on YAML that does not parse and on another language', () => {
    expect(() => parseFrontMatter('---\nheadline: [unclosed\n---\nBody')).toThrow();
    expect(() => parseFrontMatter('---toml\nheadline = "A"\n---\nBody')).toThrow(/write YAML/);
  });
});
