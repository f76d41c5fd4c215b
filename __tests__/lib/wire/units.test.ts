import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { sectionsFileSchema } from '@/lib/content/schema';
import { markdownToHtml } from '@/lib/markdown';
import { chooseSection, parseWireConfig, WireConfigError } from '@/lib/wire/config';
import { isUri, parseDateTime } from '@/lib/wire/formats';
import { htmlToText, plainTextToHtml, sanitizeWireHtml } from '@/lib/wire/html';
import { slugForHeadline } from '@/lib/wire/map';
import { rankRenditions, DEFAULT_PICTURE_LIMITS } from '@/lib/wire/pictures';

const root = path.resolve(__dirname, '..', '..', '..');
const sections = sectionsFileSchema.parse(YAML.parse(fs.readFileSync(path.join(root, 'content', 'sections.yml'), 'utf8')));

describe('date-times', () => {
  it.each([
    ['2026-11-24T09:30:00+09:00', '2026-11-24T09:30:00+09:00'],
    ['2026-11-24T09:30:00Z', '2026-11-24T09:30:00Z'],
    ['2026-11-24t09:30:00.250z', '2026-11-24T09:30:00.250Z'],
    ['2026-11-24 09:30:00+0900', '2026-11-24T09:30:00+09:00'],
    ['2026-11-24T09:30:00-05', '2026-11-24T09:30:00-05:00'],
    ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59Z'],
  ])('%s is %s, keeping its offset', (input, iso) => {
    expect(parseDateTime(input)).toMatchObject({ iso, ms: Date.parse(iso) });
  });

  it.each([
    ['2026-11-24T09:30:00', /has no time-zone offset/],
    ['2026-11-24', /is not an RFC 3339 date-time/],
    ['2026-02-29T09:30:00Z', /is not a calendar date/],
    ['2026-11-24T24:00:00Z', /is not a time of day/],
    ['24 November 2026', /is not an RFC 3339 date-time/],
  ])('refuses %s', (input, problem) => {
    expect(parseDateTime(input)).toEqual({ problem: expect.stringMatching(problem) });
  });

  it('checks URIs as JSON Schema does: absolute, and not a sanitiser', () => {
    expect(['urn:x:1', 'http://tt.se/media/text/1', 'tag:example.org,2026:1', 'javascript:alert(1)'].every(isUri)).toBe(true);
    expect(['renditions-example', 'http://a b', '', '/relative'].some(isUri)).toBe(false);
  });
});

describe('content/wire.yml', () => {
  const source = fs.readFileSync(path.join(root, 'content', 'wire.yml'), 'utf8');

  it("maps the site's own sections", () => {
    const config = parseWireConfig(source, sections);
    expect(config.default).toBe('world');
    expect(chooseSection(config, [{ uri: 'http://cv.iptc.org/newscodes/mediatopic/04000000' }], [])).toEqual({ section: 'business', because: 'subject medtop:04000000' });
    expect(chooseSection(config, [{ name: 'TECHNOLOGY' }], [])).toMatchObject({ section: 'technology' });
    expect(chooseSection(config, [{ name: 'Sport' }], ['Business Wire'])).toEqual({ section: 'business', because: 'provider Business Wire' });
    expect(chooseSection(config, [{ name: 'Sport' }], ['TT'])).toEqual({ section: 'world', because: 'the default' });
  });

  it('tries subjects before the provider, in the order the provider sent them', () => {
    const config = parseWireConfig('default: world\nsubjects:\n  a: culture\n  b: science\nproviders:\n  X: business\n', sections);
    expect(chooseSection(config, [{ literal: 'b' }, { literal: 'a' }], ['X']).section).toBe('science');
  });

  it.each<[string, string | undefined, RegExp]>([
    ['missing', undefined, /content\/wire\.yml: is missing/],
    ['not YAML', 'default: [', /content\/wire\.yml: is not valid YAML/],
    ['no default', 'subjects: {}\n', /content\/wire\.yml: default: /],
    ['unknown section', 'default: world\nproviders:\n  AP: sport\n', /content\/wire\.yml: providers\.AP: "sport" is not a section in sections\.yml \(known: world, business, technology, science, culture\)/],
    ['not a slug', 'default: World News\n', /content\/wire\.yml: default: must be lower-case words joined by hyphens/],
    ['unknown key', 'default: world\nsection: world\n', /content\/wire\.yml: file: Unrecognized key: "section"|content\/wire\.yml: .*section/],
    ['same key twice by case', 'default: world\nsubjects:\n  Tech: technology\n  tech: science\n', /subjects\.tech: is listed twice \(keys ignore case\)/],
  ])('names the problem: %s', (_, text, message) => {
    expect(() => parseWireConfig(text, sections)).toThrow(WireConfigError);
    expect(() => parseWireConfig(text, sections)).toThrow(message);
  });
});

describe('wire HTML', () => {
  it('keeps Markdown from reading the body: one HTML block, asterisks and hashes stay text', () => {
    const body = sanitizeWireHtml('<p>*not emphasis* and _this_</p>\n\n<p># not a heading</p>\n\n\n<p>    not code</p>');
    expect(body).toBe('<p>*not emphasis* and _this_</p>\n<p># not a heading</p>\n<p> not code</p>');
    expect(markdownToHtml(body)).toBe(body);
  });

  it('unwraps wire layout containers into their blocks and wraps loose text in paragraphs', () => {
    expect(sanitizeWireHtml('<article><section><div class="bodytext">Lead <b>text</b><p>Para</p></div></section></article>')).toBe('<p>Lead <b>text</b></p>\n<p>Para</p>');
  });

  it('demotes a second h1 and drops the one that repeats the headline', () => {
    expect(sanitizeWireHtml('<h1>Same Headline</h1><h1>Other</h1><p>x</p>', 'Same  headline')).toBe('<h2>Other</h2>\n<p>x</p>');
  });

  it('turns plain text into escaped paragraphs', () => {
    expect(plainTextToHtml('One <b>\nTwo & three')).toBe('<p>One &lt;b&gt;</p>\n<p>Two &amp; three</p>');
    expect(plainTextToHtml('Para one\nstill one\n\nPara two')).toBe('<p>Para one still one</p>\n<p>Para two</p>');
  });

  it('reads text out of HTML captions and summaries', () => {
    expect(htmlToText('<p>One <b>two</b></p><p>three<script>x</script></p>')).toBe('One two three');
  });
});

describe('slugs and renditions', () => {
  it('makes ASCII slugs of at most about 80 characters', () => {
    expect(slugForHeadline('Militärövning i jätteformat hålls 2023')).toBe('militarovning-i-jatteformat-halls-2023');
    expect(slugForHeadline('Cambrios被Gartner評選為「最酷供應商」')).toBe('cambrios-gartner');
    expect(slugForHeadline('Москва')).toBe('');
    expect(slugForHeadline('word '.repeat(40)).length).toBeLessThanOrEqual(80);
  });

  it('prefers the smallest rendition at least 2400 px wide, then the largest; watermarks last', () => {
    const ranked = rankRenditions(
      [
        { name: 'thumb', href: 'https://x/t.jpg', contentType: 'image/jpeg', width: 256 },
        { name: 'hires', href: 'https://x/h.jpg', contentType: 'image/jpeg', width: 4724 },
        { name: 'watermark', href: 'https://x/w.jpg', contentType: 'image/jpeg', width: 3000 },
        { name: 'large', href: 'https://x/l.jpg', contentType: 'image/jpeg', width: 2600 },
        { name: 'video', href: 'https://x/v.mp4', contentType: 'video/mp4', width: 3000 },
        { name: 'nohref', contentType: 'image/jpeg', width: 3000 },
      ],
      DEFAULT_PICTURE_LIMITS,
    );
    expect(ranked.map((r) => r.name)).toEqual(['large', 'hires', 'thumb', 'watermark']);
  });
});
