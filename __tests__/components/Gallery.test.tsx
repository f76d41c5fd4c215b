import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Gallery } from '@/components/Gallery';
import { makeArticle, testPhoto } from '../helpers/articles';

const article = makeArticle('dmz', {
  gallery: [1, 2, 3].map((n) => ({ ...testPhoto, src: `/photos/p${n}.jpg`, alt: `Alt ${n}`, caption: `Caption ${n}.`, credit: `Credit ${n}` })),
});

beforeAll(() => {
  // jsdom has no <dialog> behaviour; give it the minimum the lightbox uses.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

describe('Gallery', () => {
  it('renders every photo as a numbered, captioned, credited figure linking to its permalink', () => {
    render(<Gallery article={article} />);
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(3);
    items.forEach((item, i) => {
      const n = i + 1;
      expect(item).toHaveAttribute('id', `photo-${n}`);
      expect(within(item).getByRole('link')).toHaveAttribute('href', `/world/dmz/photos/${n}`);
      expect(item.querySelector('figcaption')).toHaveTextContent(`Photo ${n}/3. Image caption: Caption ${n}. Picture: Credit ${n}`);
    });
    expect(screen.getByRole('heading', { name: 'Gallery (3 photos)' })).toBeInTheDocument();
  });

  it('renders nothing for an article without gallery photos', () => {
    const { container } = render(<Gallery article={makeArticle('empty')} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('opens the lightbox from a link, moves with the arrow keys, closes and returns focus', async () => {
    const user = userEvent.setup();
    render(<Gallery article={article} />);
    const second = screen.getAllByRole('link')[1];
    second.focus();
    await user.keyboard('{Enter}');
    const dialog = document.querySelector('dialog')!;
    expect(dialog).toHaveAttribute('open');
    expect(within(dialog).getByRole('img')).toHaveAttribute('alt', 'Alt 2');
    expect(dialog.querySelector('figcaption')).toHaveTextContent('2/3');

    await user.keyboard('{ArrowRight}');
    expect(within(dialog).getByRole('img')).toHaveAttribute('alt', 'Alt 3');
    await user.keyboard('{ArrowRight}');
    expect(within(dialog).getByRole('img')).toHaveAttribute('alt', 'Alt 1');
    await user.keyboard('{ArrowLeft}');
    expect(within(dialog).getByRole('img')).toHaveAttribute('alt', 'Alt 3');

    await user.click(within(dialog).getByRole('button', { name: 'Close photo viewer' }));
    expect(dialog).not.toHaveAttribute('open');
    expect(second).toHaveFocus();
  });
});
