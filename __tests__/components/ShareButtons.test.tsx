import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ShareActions } from '@/components/ShareActions.island';
import { ShareButtons } from '@/components/ShareButtons';

const page = { url: 'https://newsbite.example/world/a&b?x', title: 'Rain & "wind" at <last>' };

function setNavigator(props: Record<string, unknown>) {
  for (const [key, value] of Object.entries(props)) Object.defineProperty(navigator, key, { value, configurable: true });
}

afterEach(() => setNavigator({ share: undefined, clipboard: undefined }));

describe('ShareButtons', () => {
  it('links to each platform’s share page with the URL and title encoded', () => {
    render(<ShareButtons page={page} />);
    const list = screen.getByRole('region', { name: 'Share this story' });
    const href = (name: string) => new URL(within(list).getByRole('link', { name }).getAttribute('href')!);
    expect(href('Share on X').searchParams.get('url')).toBe(page.url);
    expect(href('Share on X').searchParams.get('text')).toBe(page.title);
    expect(href('Share on X').searchParams.get('via')).toBe('NewsBite');
    expect(href('Share on Facebook').searchParams.get('u')).toBe(page.url);
    expect(href('Share on LinkedIn').searchParams.get('url')).toBe(page.url);
    expect(href('Share on WhatsApp').searchParams.get('text')).toBe(`${page.title} ${page.url}`);
    const mail = within(list).getByRole('link', { name: 'Share by email' }).getAttribute('href')!;
    expect(mail).toBe(`mailto:?subject=${encodeURIComponent(page.title)}&body=${encodeURIComponent(`${page.title}\n\n${page.url}`)}`);
  });

  it('opens platforms in a new tab without handing them our window, and email in place', () => {
    render(<ShareButtons page={page} />);
    const x = screen.getByRole('link', { name: 'Share on X' });
    expect(x).toHaveAttribute('target', '_blank');
    expect(x).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.getByRole('link', { name: 'Share by email' })).not.toHaveAttribute('target');
  });

  it('shows no copy or share button when the browser offers neither', () => {
    render(<ShareButtons page={page} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('ShareActions', () => {
  it('copies the link and says so', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    setNavigator({ clipboard: { writeText } });
    render(<ul><ShareActions page={page} /></ul>);
    await userEvent.click(await screen.findByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(page.url);
    expect(screen.getByRole('status')).toHaveTextContent('Link copied');
  });

  it('reports a refused copy', async () => {
    setNavigator({ clipboard: { writeText: jest.fn().mockRejectedValue(new Error('denied')) } });
    render(<ul><ShareActions page={page} /></ul>);
    await userEvent.click(await screen.findByRole('button', { name: 'Copy link' }));
    expect(screen.getByRole('status')).toHaveTextContent('Could not copy the link');
  });

  it('opens the system share sheet where there is one, and ignores a cancelled share', async () => {
    const share = jest.fn().mockRejectedValue(new DOMException('cancelled', 'AbortError'));
    setNavigator({ share });
    render(<ul><ShareActions page={page} /></ul>);
    await act(() => userEvent.click(screen.getByRole('button', { name: /More ways to share/ })));
    expect(share).toHaveBeenCalledWith({ title: page.title, url: page.url });
    expect(screen.queryByRole('button', { name: 'Copy link' })).toBeNull();
  });
});
