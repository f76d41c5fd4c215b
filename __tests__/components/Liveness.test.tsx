import { act, render, screen } from '@testing-library/react';
import { Liveness } from '@/components/live/Liveness.island';
import { LIVE_HIDDEN_POLL_MS, LIVE_POLL_MS, type LiveUpdateEntry, type LiveUpdates } from '@/lib/live-updates';

/**
 * The island's timing and bookkeeping with a fake clock and a fake updates.json (the browser
 * test, __tests__/e2e/live-blog-updates.test.ts, covers it against the real server).
 */
const entry = (id: string, minute: number, revision = 'r1'): LiveUpdateEntry => {
  const posted = `2026-12-02T18:${String(minute).padStart(2, '0')}:00+00:00`;
  return { id, revision, posted, html: `<article data-entry="${id}" data-revision="${revision}" id="update-${id}"><time datetime="${posted}"></time>${id} ${revision}</article>` };
};
const blog = (entries: LiveUpdateEntry[], more: Partial<LiveUpdates> = {}): LiveUpdates => ({
  ended: false,
  updated: entries[0]?.posted ?? null,
  entries,
  pinned: null,
  deleted: [],
  ...more,
});

let answers: (LiveUpdates | number)[];
const fetchMock = jest.fn(async () => {
  const answer = answers.length > 1 ? answers.shift()! : answers[0];
  return typeof answer === 'number'
    ? ({ ok: false, status: answer, headers: new Headers() } as Response)
    : ({ ok: true, status: 200, headers: new Headers(), json: async () => answer } as Response);
});
let hidden = false;
let streamTop = -500;

beforeEach(() => {
  jest.useFakeTimers();
  fetchMock.mockClear();
  global.fetch = fetchMock as unknown as typeof fetch;
  hidden = false;
  streamTop = -500;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.title = 'Storm live';
  document.body.innerHTML = `<div id="live-entries">${[entry('b', 10), entry('a', 5)].map((e) => e.html).join('')}</div>`;
  document.getElementById('live-entries')!.getBoundingClientRect = () => ({ top: streamTop }) as DOMRect;
});
afterEach(() => jest.useRealTimers());

const mount = () => render(<Liveness updatesUrl="/world/storm/updates.json" entriesId="live-entries" />, { container: document.body.appendChild(document.createElement('div')) });
/** Lets the clock run `ms` and the poll it fires settle. */
const pass = async (ms: number) => {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
};
const shown = () => [...document.querySelectorAll('#live-entries > [data-entry]')].map((e) => e.getAttribute('data-entry'));

describe('Liveness', () => {
  it('polls every 10 s, every minute in a hidden tab, and at once when the tab shows again', async () => {
    answers = [blog([entry('b', 10), entry('a', 5)])];
    mount();
    await pass(LIVE_POLL_MS);
    await pass(LIVE_POLL_MS);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock).toHaveBeenCalledWith('/world/storm/updates.json', expect.objectContaining({ cache: 'no-cache' }));
    hidden = true;
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    await pass(LIVE_HIDDEN_POLL_MS - 1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await pass(1);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    hidden = false;
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    await pass(0);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it('announces new entries in a polite live region and the title, and inserts them newest first on click', async () => {
    answers = [blog([entry('d', 20), entry('c', 15), entry('b', 10), entry('a', 5)])];
    mount();
    await pass(LIVE_POLL_MS);
    const button = screen.getByRole('button', { name: '2 new updates' });
    expect(button.parentElement).toHaveAttribute('aria-live', 'polite');
    expect(document.title).toBe('(2) Storm live');
    expect(shown()).toEqual(['b', 'a']);
    act(() => button.click());
    expect(shown()).toEqual(['d', 'c', 'b', 'a']);
    expect(document.activeElement).toHaveAttribute('data-entry', 'd');
    expect(document.title).toBe('Storm live');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('inserts at once while the top of the entries is in view', async () => {
    streamTop = 40;
    answers = [blog([entry('c', 15), entry('b', 10), entry('a', 5)])];
    mount();
    await pass(LIVE_POLL_MS);
    expect(shown()).toEqual(['c', 'b', 'a']);
    expect(screen.queryByRole('button')).toBeNull();
    expect(document.title).toBe('Storm live');
  });

  it('replaces an edited entry in place and removes deleted and vanished ones, but not those older than the page', async () => {
    document.getElementById('live-entries')!.insertAdjacentHTML('beforeend', entry('archived', 1).html);
    answers = [blog([entry('c', 15), entry('b', 10, 'r2')], { deleted: ['a'] })];
    mount();
    await pass(LIVE_POLL_MS);
    expect(shown()).toEqual(['b', 'archived']);
    expect(document.querySelector('[data-entry="b"]')).toHaveTextContent('b r2');
    answers = [blog([entry('b', 10, 'r2')])];
    await pass(LIVE_POLL_MS);
    // c was waiting to be shown and is gone: nothing to announce any more.
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('stops when the blog has ended', async () => {
    answers = [blog([entry('b', 10), entry('a', 5)], { ended: true })];
    mount();
    await pass(LIVE_POLL_MS);
    await pass(10 * LIVE_HIDDEN_POLL_MS);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('waits twice as long after each failure and gives up after five in a row', async () => {
    answers = [503];
    mount();
    await pass(LIVE_POLL_MS);
    for (const failures of [1, 2, 3, 4]) {
      await pass(LIVE_POLL_MS * 2 ** failures - 1);
      expect(fetchMock).toHaveBeenCalledTimes(failures);
      await pass(1);
    }
    expect(fetchMock).toHaveBeenCalledTimes(5);
    await pass(100 * LIVE_HIDDEN_POLL_MS);
    expect(fetchMock).toHaveBeenCalledTimes(5);
  });
});
