import { render, screen } from '@testing-library/react';
import { WithdrawnNotice } from '@/components/WithdrawnNotice';
import { makeArticle } from '../helpers/articles';

describe('WithdrawnNotice', () => {
  it('gives the reason, not the story', () => {
    render(<WithdrawnNotice article={makeArticle('a', { status: 'withdrawn', withdrawnReason: 'Withdrawn for legal reasons.' })} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('This story has been withdrawn');
    expect(screen.getByText('Withdrawn for legal reasons.')).toBeInTheDocument();
    expect(screen.queryByText('Headline a')).not.toBeInTheDocument();
  });

  it('has a plain notice when no reason was given', () => {
    render(<WithdrawnNotice article={makeArticle('b', { status: 'withdrawn' })} />);
    expect(screen.getByText('The story is no longer available.')).toBeInTheDocument();
  });
});
