import { render, screen, within } from '@testing-library/react';
import { SearchForm } from '@/components/SearchForm';

const options = {
  sections: [
    { slug: 'world', name: 'World' },
    { slug: 'science', name: 'Science' },
  ],
  authors: [{ id: 'mina-park', name: 'Mina Park' }],
  tags: [{ slug: 'north-korea', name: 'North Korea' }],
};

describe('SearchForm', () => {
  it('is a GET form to /search whose every field is labelled', () => {
    render(<SearchForm form={{ q: '', sort: 'relevance', page: 1 }} options={options} />);
    const form = screen.getByRole('search', { name: 'Stories' });
    expect(form).toHaveAttribute('action', '/search');
    expect(form).toHaveAttribute('method', 'get');
    expect(within(form).getByRole('searchbox', { name: 'Search for' })).toHaveAttribute('name', 'q');
    const fields = { Section: 'section', Author: 'author', Topic: 'tag', From: 'from', To: 'to', 'Sort by': 'sort' };
    for (const [label, name] of Object.entries(fields)) expect(within(form).getByLabelText(label)).toHaveAttribute('name', name);
  });

  it('folds the filters away until one is set, so that results come first on a phone', () => {
    const { container, rerender } = render(<SearchForm form={{ q: 'x', sort: 'relevance', page: 1 }} options={options} />);
    const details = () => container.querySelector('details')!;
    expect(details()).not.toHaveAttribute('open');
    expect(details().querySelector('summary')).toHaveTextContent('Filter and sort');
    rerender(<SearchForm form={{ q: 'x', tag: 'north-korea', sort: 'relevance', page: 1 }} options={options} />);
    expect(details()).toHaveAttribute('open');
    rerender(<SearchForm form={{ q: 'x', sort: 'newest', page: 1 }} options={options} />);
    expect(details()).toHaveAttribute('open');
  });

  it('shows the search it answers: the query, the chosen filters and the sort order', () => {
    render(
      <SearchForm
        form={{ q: '"north korea" -seoul', section: 'world', author: 'mina-park', tag: 'north-korea', from: '2026-11-01', to: '2026-11-30', sort: 'newest', page: 2 }}
        options={options}
      />,
    );
    expect(screen.getByRole('searchbox', { name: 'Search for' })).toHaveValue('"north korea" -seoul');
    expect(screen.getByLabelText('Section')).toHaveValue('world');
    expect(screen.getByLabelText('Author')).toHaveValue('mina-park');
    expect(screen.getByLabelText('Topic')).toHaveValue('north-korea');
    expect(screen.getByLabelText('From')).toHaveValue('2026-11-01');
    expect(screen.getByLabelText('To')).toHaveValue('2026-11-30');
    expect(screen.getByLabelText('Sort by')).toHaveValue('newest');
  });

  it('offers "all" for every filter, chosen when none is set', () => {
    render(<SearchForm form={{ q: 'x', sort: 'relevance', page: 1 }} options={options} />);
    expect(screen.getByLabelText('Section')).toHaveValue('');
    expect(screen.getByRole('option', { name: 'All sections' })).toBeInTheDocument();
    expect(within(screen.getByLabelText('Section')).getAllByRole('option').map((o) => o.textContent)).toEqual(['All sections', 'World', 'Science']);
  });
});
