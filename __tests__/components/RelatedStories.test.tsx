import { render, screen, within } from '@testing-library/react';
import { RelatedStories } from '@/components/RelatedStories';
import type { RelatedStory } from '@/lib/content/related';
import { makeArticle } from '../helpers/articles';

const stories: RelatedStory[] = [
  { article: makeArticle('curated', { headline: 'Curated story' }), reason: { kind: 'curated' }, score: Infinity },
  {
    article: makeArticle('topical', { headline: 'Topical story', section: 'science' }),
    reason: { kind: 'topics', topics: [{ slug: 'dmz', name: 'DMZ' }, { slug: 'defence', name: 'Defence' }] },
    score: 0.8,
  },
  { article: makeArticle('section', { headline: 'Section story' }), reason: { kind: 'section' }, score: 0 },
  { article: makeArticle('latest', { headline: 'Latest story', section: 'science' }), reason: { kind: 'latest' }, score: 0 },
];

describe('RelatedStories', () => {
  it('lists each story with thumbnail, linked headline, section, time and why it is related', () => {
    render(<RelatedStories stories={stories} sectionNames={{ world: 'World', science: 'Science' }} />);
    const region = screen.getByRole('complementary', { name: 'Related stories' });
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(within(items[0]).getByRole('link', { name: 'Curated story' })).toHaveAttribute('href', '/world/curated');
    expect(items[0]).toHaveTextContent('Editor’s pick');
    expect(items[1]).toHaveTextContent('Science');
    expect(items[1]).toHaveTextContent('Shared topics: DMZ, Defence');
    expect(items[2]).toHaveTextContent('More in World');
    expect(items[3]).toHaveTextContent('Latest news');
    expect(within(items[1]).getByRole('img')).toHaveAttribute('alt', 'A test photo');
    expect(items[1].querySelector('time')).toHaveAttribute('dateTime', '2026-11-20T12:00:00Z');
  });

  it('renders nothing without stories', () => {
    const { container } = render(<RelatedStories stories={[]} sectionNames={{}} />);
    expect(container).toBeEmptyDOMElement();
  });
});
