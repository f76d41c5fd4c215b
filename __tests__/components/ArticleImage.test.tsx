import { render, screen } from '@testing-library/react';
import { ArticleImage } from '@/components/ArticleImage';
import { testPhoto } from '../helpers/articles';

describe('ArticleImage', () => {
  it('is a plain <img> at the photo size, with optimiser candidates for the layout width', () => {
    render(<ArticleImage photo={testPhoto} sizes="(min-width: 64rem) 20rem, 100vw" className="thumb" />);
    const image = screen.getByRole('img', { name: 'A test photo' });
    expect(image).toHaveAttribute('width', '1600');
    expect(image).toHaveAttribute('height', '900');
    expect(image).toHaveAttribute('sizes', '(min-width: 64rem) 20rem, 100vw');
    expect(image).toHaveAttribute('srcset', expect.stringContaining('/_next/image?url=%2Fphotos%2Ftest.jpg&w=640&q=75 640w'));
    expect(image).toHaveClass('thumb');
    // Not the LCP candidate: it loads when the reader scrolls near it.
    expect(image).toHaveAttribute('loading', 'lazy');
    expect(image).not.toHaveAttribute('fetchpriority');
  });

  it('loads a preloaded photo at once and first', () => {
    render(<ArticleImage photo={testPhoto} sizes="100vw" preload />);
    const image = screen.getByRole('img', { name: 'A test photo' });
    expect(image).not.toHaveAttribute('loading', 'lazy');
    expect(image).toHaveAttribute('fetchpriority', 'high');
  });

  it('renders nothing for a photo without alt text', () => {
    const { container } = render(<ArticleImage photo={{ ...testPhoto, alt: '  ' }} sizes="100vw" />);
    expect(container).toBeEmptyDOMElement();
  });
});
