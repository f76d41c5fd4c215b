import { render, screen, within } from '@testing-library/react';
import { SearchResultList } from '@/components/SearchResultList';
import { makeArticle } from '../helpers/articles';

const hostile = '<script>alert("x")</script><img src=x onerror="alert(1)">';

describe('SearchResultList', () => {
  it('shows each result’s linked headline, section, date, standfirst and snippet with the matches marked', () => {
    const article = makeArticle('hubble', { headline: 'Hubble’s deepest view', standfirst: 'Galaxies galore.', section: 'science' });
    render(
      <SearchResultList
        hits={[{ article, snippet: [{ text: '… pointed ', highlighted: false }, { text: 'Hubble', highlighted: true }, { text: ' at Fornax …', highlighted: false }] }]}
        sectionNames={{ science: 'Science' }}
      />,
    );
    const [item] = screen.getAllByRole('listitem');
    expect(within(item).getByRole('heading', { level: 2, name: 'Hubble’s deepest view' })).toBeInTheDocument();
    expect(within(item).getByRole('link', { name: 'Hubble’s deepest view' })).toHaveAttribute('href', '/science/hubble');
    expect(item).toHaveTextContent('Science');
    expect(item.querySelector('time')).toHaveAttribute('dateTime', article.published);
    expect(item).toHaveTextContent('Galaxies galore.');
    expect([...item.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Hubble']);
    expect(item.querySelector('.search-result__snippet')).toHaveTextContent('… pointed Hubble at Fornax …');
  });

  it('escapes hostile headlines, standfirsts and snippets: they stay text', () => {
    const article = makeArticle('hostile', { headline: `Headline ${hostile}`, standfirst: hostile });
    const { container } = render(
      <SearchResultList hits={[{ article, snippet: [{ text: hostile, highlighted: true }, { text: ` ${hostile}`, highlighted: false }] }]} sectionNames={{}} />,
    );
    expect(container.querySelectorAll('script, img[onerror], [onerror]')).toHaveLength(0);
    expect(container.querySelector('mark')).toHaveTextContent(hostile);
    expect(screen.getByRole('link')).toHaveTextContent(`Headline ${hostile}`);
    expect(container.innerHTML).toContain('&lt;script&gt;');
  });

  it('numbers later pages on, shows no snippet when it has none and needs no photo', () => {
    const article = { ...makeArticle('wire'), hero: undefined } as unknown as Parameters<typeof SearchResultList>[0]['hits'][0]['article'];
    const { container } = render(<SearchResultList hits={[{ article, snippet: [] }]} sectionNames={{}} start={11} headingLevel={3} />);
    expect(container.querySelector('ol')).toHaveAttribute('start', '11');
    expect(container.querySelector('.search-result__snippet')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { level: 3 })).toBeInTheDocument();
  });
});
