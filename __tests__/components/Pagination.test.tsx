import { render, screen } from '@testing-library/react';
import { Pagination } from '@/components/Pagination';
import { searchHref } from '@/lib/search/params';

describe('Pagination', () => {
  it('links the previous and next pages through the given URLs, keeping a search’s filters', () => {
    const form = { q: 'dmz', section: 'world', sort: 'newest' as const };
    render(<Pagination page={2} totalPages={3} href={(n) => searchHref(form, n)} label="Search results pages" previous="Previous" next="Next" />);
    const nav = screen.getByRole('navigation', { name: 'Search results pages' });
    expect(screen.getByRole('link', { name: 'Previous' })).toHaveAttribute('href', '/search?q=dmz&section=world&sort=newest');
    expect(screen.getByRole('link', { name: 'Next' })).toHaveAttribute('href', '/search?q=dmz&section=world&sort=newest&page=3');
    expect(nav).toHaveTextContent('Page 2 of 3');
  });

  it('shows no previous link on the first page, no next link on the last, and nothing for one page', () => {
    const { rerender, container } = render(<Pagination page={1} totalPages={2} href={(n) => `/world/page/${n}`} />);
    expect(screen.queryByRole('link', { name: /Newer/ })).toBeNull();
    expect(screen.getByRole('link', { name: /Older/ })).toHaveAttribute('href', '/world/page/2');
    rerender(<Pagination page={2} totalPages={2} href={(n) => `/world/page/${n}`} />);
    expect(screen.queryByRole('link', { name: /Older/ })).toBeNull();
    rerender(<Pagination page={1} totalPages={1} href={(n) => `/world/page/${n}`} />);
    expect(container).toBeEmptyDOMElement();
  });
});
