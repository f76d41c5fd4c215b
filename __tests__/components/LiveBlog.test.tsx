import { render, screen, within } from '@testing-library/react';
import { BlogPager } from '@/components/live/BlogPager';
import { KeyEvents } from '@/components/live/KeyEvents';
import { LiveEntryList } from '@/components/live/LiveEntryList';
import { LiveStatus } from '@/components/live/LiveStatus';
import type { Author } from '@/lib/content/types';
import { blogPages } from '@/lib/live-blog';
import type { LiveBlogView } from '@/lib/live-blog-view';
import { makeArticle, testPhoto } from '../helpers/articles';
import { makeEntry } from '../helpers/live-entries';

const article = makeArticle('storm', { live: {} });
const ann: Author = { id: 'ann-lee', name: 'Ann Lee', role: 'Reporter', bio: 'Bio.', path: '/author/ann-lee' };

describe('LiveStatus', () => {
  it('says Live with the time of the latest update while coverage runs', () => {
    render(<LiveStatus article={article} blog={{ ended: false, latest: makeEntry('storm', 'a', { minute: 30 }) }} />);
    expect(screen.getByText('Live')).toHaveClass('live-status__badge');
    expect(screen.getByText(/Latest update/)).toHaveTextContent('Latest update 20 November 2026 at 12:30 UTC');
  });

  it('says Ended with the end time once it is over', () => {
    const ended = makeArticle('storm', { live: { ended: '2026-11-20T23:40:00+00:00', endedTime: Date.parse('2026-11-20T23:40:00Z') } });
    const { container } = render(<LiveStatus article={ended} blog={{ ended: true, latest: makeEntry('storm', 'a') }} />);
    expect(container.firstChild).toHaveClass('live-status--ended');
    expect(container).toHaveTextContent('Ended Coverage ended 20 November 2026 at 23:40 UTC');
  });
});

describe('KeyEvents', () => {
  it('lists key events with their times, linking where each is read; an untitled one by its text', () => {
    const entries = [makeEntry('storm', 'b', { title: 'Dune holds', key: true }), makeEntry('storm', 'a', { key: true, body: 'Ferries **cancelled** <script>x</script>' })];
    render(<KeyEvents entries={entries} hrefOf={(entry) => (entry.id === 'b' ? '#update-b' : '/world/storm/page/1#update-a')} />);
    const nav = screen.getByRole('navigation', { name: 'Key events' });
    expect(within(nav).getByRole('link', { name: /Dune holds/ })).toHaveAttribute('href', '#update-b');
    expect(within(nav).getByRole('link', { name: /Ferries cancelled/ })).toHaveAttribute('href', '/world/storm/page/1#update-a');
  });

  it('renders nothing without key events', () => {
    const { container } = render(<KeyEvents entries={[]} hrefOf={() => ''} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('BlogPager', () => {
  it('links the blog\'s page to its newest archive page, and archive pages newer and older', () => {
    const { rerender } = render(<BlogPager article={article} page={0} archivePages={3} />);
    expect(screen.getByRole('link', { name: 'Older updates →' })).toHaveAttribute('href', '/world/storm/page/3');
    expect(screen.queryByRole('link', { name: /Newer/ })).toBeNull();
    rerender(<BlogPager article={article} page={3} archivePages={3} />);
    expect(screen.getByRole('link', { name: '← Newer updates' })).toHaveAttribute('href', '/world/storm');
    expect(screen.getByRole('link', { name: 'Older updates →' })).toHaveAttribute('href', '/world/storm/page/2');
    rerender(<BlogPager article={article} page={1} archivePages={3} />);
    expect(screen.getByRole('link', { name: '← Newer updates' })).toHaveAttribute('href', '/world/storm/page/2');
    expect(screen.queryByRole('link', { name: /Older/ })).toBeNull();
  });

  it('renders nothing while the blog has no archive pages', () => {
    const { container } = render(<BlogPager article={article} page={0} archivePages={0} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('LiveEntryList', () => {
  const entries = [
    makeEntry('storm', 'c', { minute: 2, title: 'Hostile <img src=x onerror=alert(1)>', body: '<script>alert(1)</script>[link](javascript:alert(1)) text' }),
    makeEntry('storm', 'b', { minute: 1, photo: { ...testPhoto, caption: 'Caption <script>alert(2)</script>' }, status: 'draft' }),
    makeEntry('storm', 'a', { minute: 0, corrections: [{ date: '2026-11-20T12:30:00+00:00', text: 'Fixed the time.' }] }),
  ];
  const view = { article, authorsOf: () => [ann], blog: { entries }, pages: blogPages({ entries }) } as unknown as LiveBlogView;

  it('shows each entry with its permalink, anchor, authors, photo credit and corrections; the newest marked new', () => {
    const { container } = render(<LiveEntryList view={view} entries={entries} freshCount={1} />);
    const articles = container.querySelectorAll('article.live-entry');
    expect([...articles].map((a) => a.id)).toEqual(['update-c', 'update-b', 'update-a']);
    expect(articles[0]).toHaveClass('live-entry--new');
    expect(articles[1]).not.toHaveClass('live-entry--new');
    expect(within(articles[0] as HTMLElement).getByRole('link', { name: /12:02/ })).toHaveAttribute('href', '/world/storm/updates/c');
    expect(within(articles[1] as HTMLElement).getByText('Draft')).toBeInTheDocument();
    expect(articles[1]).toHaveTextContent('Picture: Jane Doe/CC0');
    expect(articles[2]).toHaveTextContent('Fixed the time.');
    expect(screen.getAllByRole('link', { name: 'Ann Lee' })).toHaveLength(3);
  });

  it('shows hostile text as text and keeps no scripts, handlers or javascript: links', () => {
    const { container } = render(<LiveEntryList view={view} entries={entries} />);
    expect(screen.getByRole('heading', { name: 'Hostile <img src=x onerror=alert(1)>' })).toBeInTheDocument();
    expect(container.querySelector('script, [onerror], a[href^="javascript:"]')).toBeNull();
    expect(container).toHaveTextContent('Caption <script>alert(2)</script>');
  });
});
