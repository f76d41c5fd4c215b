import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

/** Strings an editor or a wire feed could send us that try to break out of every context. */
export const HOSTILE = {
  breakout: `</script><script>alert("pwned")</script><!-- ]]> --> & "quotes" 'apostrophes' <b>bold</b>`,
  handler: `<img src=x onerror="alert(1)">`,
  rtl: '\u202Eשלום עולם مرحبا بالعالم',
  emoji: '🚀🔥 Breaking 👩‍👩‍👧 news 🇰🇷',
  cyrillic: 'Привет, мир — Ελληνικά',
  long: `Long ${'headline '.repeat(250)}`.slice(0, 2000),
};

const root = path.resolve(__dirname, '..', '..');

export interface HostileArticle {
  slug: string;
  section: string;
  headline: string;
}

/**
 * Writes a content folder (real sections and authors plus a hostile author and articles that
 * use real photos) and returns where it is and what it holds.
 */
export function writeHostileContent(): { contentDir: string; articles: HostileArticle[] } {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-hostile-'));
  fs.copyFileSync(path.join(root, 'content', 'sections.yml'), path.join(contentDir, 'sections.yml'));
  fs.cpSync(path.join(root, 'content', 'authors'), path.join(contentDir, 'authors'), { recursive: true });
  fs.mkdirSync(path.join(contentDir, 'articles'));
  fs.symlinkSync(path.join(root, 'content', 'photos'), path.join(contentDir, 'photos'));
  fs.writeFileSync(
    path.join(contentDir, 'authors', 'eve-hostile.md'),
    `---\n${YAML.stringify({ name: `Eve "${HOSTILE.breakout}" O'Hostile`, role: HOSTILE.handler })}---\nBio with ${HOSTILE.breakout}\n`,
  );
  const photo = (alt: string) => ({
    src: '/photos/' + fs.readdirSync(path.join(root, 'content', 'photos')).filter((f) => f.endsWith('.jpg')).sort()[0],
    alt,
    caption: `Caption ${HOSTILE.breakout} ${HOSTILE.rtl}`,
    credit: `Credit ${HOSTILE.handler} ${HOSTILE.emoji}`,
  });
  const body = [
    `Opening with ${HOSTILE.breakout} and ${HOSTILE.handler}.`,
    '<script>alert("inline")</script><iframe src="https://example.invalid"></iframe><svg onload=alert(1)></svg>',
    '[a javascript link](javascript:alert(1)) [a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <a href="jav&#x09;ascript:alert(1)">tab trick</a>',
    '**never closed _emphasis `code\n\n> quote without end\n\n<div><p>unclosed',
    `${HOSTILE.rtl} ${HOSTILE.emoji} ${HOSTILE.cyrillic} ]]> <![CDATA[ x ]]>`,
  ].join('\n\n');
  const articles: HostileArticle[] = [
    { slug: 'hostile-breakout', section: 'world', headline: `Headline ${HOSTILE.breakout}` },
    { slug: 'hostile-emoji-rtl', section: 'culture', headline: `${HOSTILE.emoji} ${HOSTILE.rtl} ${HOSTILE.cyrillic}` },
    { slug: 'hostile-long', section: 'science', headline: HOSTILE.long },
  ];
  articles.forEach((article, i) => {
    const frontMatter = {
      section: article.section,
      headline: article.headline,
      standfirst: `Standfirst ${HOSTILE.breakout} ${HOSTILE.handler}`,
      authors: ['eve-hostile'],
      published: `2026-11-25T0${i}:00:00+00:00`,
      tags: [`<b>Tag</b> & "Co" ${i}`, HOSTILE.emoji, 'Hostile'],
      hero: photo(`Alt ${HOSTILE.breakout}`),
      gallery: [photo(`Gallery alt ${HOSTILE.handler}`), photo(`Second ${HOSTILE.rtl}`), photo(`Third ${HOSTILE.emoji}`)],
      syndication: { source: `Wire <script>alert(1)</script> & Co`, originalUrl: 'https://example.com/story?a=1&b=%3Cscript%3E', wireLine: HOSTILE.breakout },
    };
    fs.writeFileSync(path.join(contentDir, 'articles', `${article.slug}.md`), `---\n${YAML.stringify(frontMatter)}---\n${body}\n`);
  });
  return { contentDir, articles };
}
