import { render, screen } from '@testing-library/react';
import { Caption } from '@/components/Caption';
import { CaptionedPhoto } from '@/components/CaptionedPhoto';
import { testPhoto } from '../helpers/articles';

describe('Caption', () => {
  it('shows caption and credit with a screen-reader prefix', () => {
    const { container } = render(
      <figure>
        <Caption photo={{ caption: 'Soldiers stand guard.', credit: 'Ed Jones/AFP' }} />
      </figure>,
    );
    const caption = container.querySelector('figcaption')!;
    expect(caption).toHaveTextContent('Image caption: Soldiers stand guard. Picture: Ed Jones/AFP');
    expect(screen.getByText('Image caption:', { exact: false })).toHaveClass('visually-hidden');
    expect(screen.getByText('Picture: Ed Jones/AFP')).toHaveClass('caption__credit');
  });

  it('shows the gallery position when given', () => {
    const { container } = render(
      <figure>
        <Caption photo={testPhoto} position={{ index: 3, total: 7 }} />
      </figure>,
    );
    expect(container.querySelector('.caption__position')).toHaveTextContent('Photo 3/7.');
  });
});

describe('CaptionedPhoto', () => {
  it('renders figure, image with alt, width and height, and caption', () => {
    const { container } = render(<CaptionedPhoto photo={testPhoto} sizes="100vw" />);
    const img = screen.getByRole('img', { name: 'A test photo' });
    expect(img).toHaveAttribute('width', '1600');
    expect(img).toHaveAttribute('height', '900');
    expect(img).toHaveAttribute('loading', 'lazy');
    expect(img.getAttribute('srcset')).toContain('/_next/image?url=%2Fphotos%2Ftest.jpg');
    expect(container.querySelector('figure > figcaption')).toHaveTextContent(testPhoto.caption);
  });

  it('loads the hero eagerly with high priority', () => {
    render(<CaptionedPhoto photo={testPhoto} sizes="100vw" preload />);
    const img = screen.getByRole('img');
    expect(img).not.toHaveAttribute('loading', 'lazy');
    expect(img).toHaveAttribute('fetchpriority', 'high');
  });

  it('renders no image when the alt text is blank', () => {
    render(<CaptionedPhoto photo={{ ...testPhoto, alt: ' ' }} sizes="100vw" />);
    expect(screen.queryByRole('img')).toBeNull();
  });
});
