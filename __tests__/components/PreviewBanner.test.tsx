import { render, screen } from '@testing-library/react';
import { PreviewBanner } from '@/components/PreviewBanner';
import { makeArticle } from '../helpers/articles';

describe('PreviewBanner', () => {
  it('says a draft is not public and offers the way out', () => {
    render(<PreviewBanner article={makeArticle('a', { status: 'draft' })} />);
    expect(screen.getByRole('status')).toHaveTextContent('Preview This draft is not public.');
    expect(screen.getByRole('link', { name: 'Leave preview' })).toHaveAttribute('href', '/api/preview/exit');
  });

  it('gives an embargoed story the moment it goes live', () => {
    const published = '2099-01-01T09:00:00Z';
    render(<PreviewBanner article={makeArticle('b', { published, publishedTime: Date.parse(published) })} />);
    expect(screen.getByRole('status')).toHaveTextContent('Embargoed: goes live by itself at 1 January 2099 at 09:00 UTC.');
  });
});
