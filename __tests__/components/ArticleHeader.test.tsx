import { render, screen } from '@testing-library/react';
import { ArticleHeader } from '@/components/ArticleHeader';
import { WireAttribution } from '@/components/WireAttribution';
import { makeArticle } from '../helpers/articles';

const authors = [
  { id: 'ann-lee', name: 'Ann Lee', role: 'Editor', bio: '', path: '/author/ann-lee' },
  { id: 'bo-kim', name: 'Bo Kim', role: 'Writer', bio: '', path: '/author/bo-kim' },
];
const section = { slug: 'world', name: 'World', description: 'World news' };

describe('ArticleHeader', () => {
  it('shows breadcrumb, headline, standfirst, byline, times and reading time', () => {
    const article = makeArticle('dmz', { headline: 'A rare crossing', standfirst: 'What happened.', updated: '2026-11-21T09:30:00+09:00', readingMinutes: 4 });
    render(<ArticleHeader article={article} section={section} authors={authors} />);
    expect(screen.getByRole('heading', { level: 1, name: 'A rare crossing' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Breadcrumb' })).toHaveTextContent('HomeWorld');
    expect(screen.getByRole('link', { name: 'World' })).toHaveAttribute('href', '/world');
    expect(screen.getByText('What happened.')).toBeInTheDocument();
    expect(screen.getByText(/^By/)).toHaveTextContent('By Ann Lee and Bo Kim');
    expect(screen.getByRole('link', { name: 'Bo Kim' })).toHaveAttribute('href', '/author/bo-kim');
    const times = document.querySelectorAll('time');
    expect(times[0]).toHaveAttribute('dateTime', '2026-11-20T12:00:00Z');
    expect(times[0]).toHaveTextContent('20 November 2026 at 12:00 UTC');
    expect(times[1]).toHaveAttribute('dateTime', '2026-11-21T09:30:00+09:00');
    expect(times[1]).toHaveTextContent('21 November 2026 at 00:30 UTC');
    expect(screen.getByText('4 min read')).toBeInTheDocument();
  });

  it('shows a wire byline as written when the story has no author files, and corrections below the standfirst', () => {
    const article = makeArticle('wire', { authors: [], byline: 'Jane Roe, AP', corrections: [{ date: '2026-11-21T08:00:00Z', text: 'Fixed a name.' }] });
    render(<ArticleHeader article={article} section={section} authors={[]} />);
    expect(screen.getByText(/^By/)).toHaveTextContent('By Jane Roe, AP');
    expect(screen.queryByRole('link', { name: /Jane Roe/ })).toBeNull();
    const standfirst = screen.getByText('Standfirst wire');
    expect(standfirst.nextElementSibling).toHaveAccessibleName('Corrections');
  });

  it('leaves out the updated time when there is none', () => {
    render(<ArticleHeader article={makeArticle('x')} section={section} authors={authors.slice(0, 1)} />);
    expect(document.querySelectorAll('time')).toHaveLength(1);
    expect(screen.queryByText(/Updated/)).toBeNull();
  });
});

describe('WireAttribution', () => {
  it('credits the source and links to the original', () => {
    render(<WireAttribution syndication={{ source: 'NY Post', originalUrl: 'https://example.com/a', wireLine: 'with Post wires', noindexNews: true }} />);
    expect(screen.getByText(/originally appeared on NY Post and was reproduced with permission/)).toBeInTheDocument();
    expect(screen.getByText('— with Post wires')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Read the original on NY Post' })).toHaveAttribute('href', 'https://example.com/a');
  });
});

describe('WireAttribution for an agency story', () => {
  it('names the agency and its copyright when there is no original to link to', () => {
    render(<WireAttribution syndication={{ source: 'AP', copyright: '© 2026 The Associated Press', noindexNews: true }} />);
    expect(screen.getByText('This article was distributed by AP and is reproduced with permission.')).toBeInTheDocument();
    expect(screen.getByText('© 2026 The Associated Press')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
