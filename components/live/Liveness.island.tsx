'use client';

import { useEffect, useRef, useState } from 'react';
import { LIVE_HIDDEN_POLL_MS, LIVE_POLL_MS, type LiveUpdateEntry, type LiveUpdates } from '@/lib/live-updates';

/** Failed polls in a row after which the page stops asking (waiting twice as long after each). */
const MAX_FAILURES = 5;

export interface LivenessProps {
  /** The blog's updates.json: one URL for every reader. */
  updatesUrl: string;
  /** The element whose children are the entries, newest first. */
  entriesId: string;
}

const newUpdates = (count: number) => (count === 1 ? '1 new update' : `${count} new updates`);

/** Every copy of an entry on the page: the stream's, and the pinned slot's. */
// Entry ids are lower-case words and digits joined by hyphens (lib/content/schema.ts): nothing to escape.
const copiesOf = (id: string) => document.querySelectorAll<HTMLElement>(`[data-entry="${id}"]`);

function fromHtml(html: string): HTMLElement {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.firstElementChild as HTMLElement;
}

const postedTime = (element: Element) => Date.parse(element.querySelector('time')?.getAttribute('datetime') ?? '') || 0;

/**
 * Changes entries without moving what the reader is looking at: the first entries still on
 * screen are measured before and after, and the page scrolled back by the difference (a
 * browser's own scroll anchoring, where it has it, has then already done so: the difference is 0).
 */
function keepingReaderInPlace(stream: HTMLElement, change: () => void): void {
  const onScreen = [...stream.querySelectorAll<HTMLElement>('[data-entry]')].filter((el) => el.getBoundingClientRect().bottom > 0).slice(0, 3);
  const before = onScreen.map((el) => el.getBoundingClientRect().top);
  change();
  const anchor = onScreen.findIndex((el) => el.isConnected);
  if (anchor !== -1) window.scrollBy(0, onScreen[anchor].getBoundingClientRect().top - before[anchor]);
}

/**
 * Keeps an open live blog current without a reload: polls the blog's updates.json every 10 s
 * (every minute in a hidden tab), replaces edited entries in place, removes deleted ones, and
 * announces new ones ("3 new updates", also in the tab title) to insert them when the reader
 * asks, or at once when the top of the entries is in view. Stops when the blog ends and after
 * repeated failures. Without JavaScript the page's "Show new updates" link does this by reload.
 */
export function Liveness({ updatesUrl, entriesId }: LivenessProps) {
  const [waiting, setWaiting] = useState(0);
  const [notice, setNotice] = useState('');
  const showWaiting = useRef<() => void>(() => {});

  useEffect(() => {
    const stream = document.getElementById(entriesId);
    if (!stream) return;
    const title = document.title;
    /** New entries not inserted yet, newest first. */
    let pending: LiveUpdateEntry[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;
    let polling = false;
    let lastEtag: string | null = null;
    const aborter = new AbortController();

    const announce = (count: number) => {
      setWaiting(count);
      document.title = count ? `(${count}) ${title}` : title;
    };

    /** Inserts entries (newest first) where their time puts them; returns their elements, newest first. */
    const insert = (entries: LiveUpdateEntry[]): HTMLElement[] =>
      // Oldest first, each before the first entry older than it: newest first, whatever arrived late.
      [...entries]
        .reverse()
        .map((entry) => {
          const element = fromHtml(entry.html);
          const posted = Date.parse(entry.posted);
          const next = [...stream.children].find((child) => child.hasAttribute('data-entry') && postedTime(child) < posted);
          stream.insertBefore(element, next ?? null);
          return element;
        })
        .reverse();

    const atTopOfEntries = () => stream.getBoundingClientRect().top >= 0;

    showWaiting.current = () => {
      const [first] = insert(pending);
      pending = [];
      announce(0);
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
    };

    const apply = (updates: LiveUpdates) => {
      const deleted = new Set(updates.deleted);
      const latest = new Map(updates.entries.map((entry) => [entry.id, entry]));
      // The page's entries span the same time as the JSON's: one in that span missing from it was
      // deleted, unpublished or its file removed. Older ones went to an archive page and stay.
      const oldest = updates.entries.length ? Math.min(...updates.entries.map((entry) => Date.parse(entry.posted))) : -Infinity;
      const gone = [...stream.querySelectorAll<HTMLElement>('[data-entry]')]
        .filter((element) => !latest.has(element.dataset.entry!) && postedTime(element) >= oldest)
        .map((element) => element.dataset.entry!);
      keepingReaderInPlace(stream, () => {
        for (const id of [...deleted, ...gone]) copiesOf(id).forEach((element) => element.remove());
        for (const entry of updates.entries) {
          for (const copy of copiesOf(entry.id)) {
            if (copy.dataset.revision === entry.revision) continue;
            const edited = fromHtml(entry.html);
            // The pinned slot's copy has no anchor id: the stream's has it.
            if (!copy.id) edited.removeAttribute('id');
            copy.replaceWith(edited);
          }
        }
      });
      pending = pending.filter((entry) => !deleted.has(entry.id) && latest.has(entry.id)).map((entry) => latest.get(entry.id)!);
      const known = new Set(pending.map((entry) => entry.id));
      for (const entry of updates.entries) if (!known.has(entry.id) && !copiesOf(entry.id).length) pending.push(entry);
      pending.sort((a, b) => Date.parse(b.posted) - Date.parse(a.posted));
      if (pending.length && atTopOfEntries()) {
        setNotice(`${newUpdates(pending.length)} shown`);
        insert(pending);
        pending = [];
      }
      announce(pending.length);
    };

    const schedule = (ms: number) => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(poll, ms);
    };
    const interval = () => (document.hidden ? LIVE_HIDDEN_POLL_MS : LIVE_POLL_MS);

    async function poll() {
      if (polling || stopped) return;
      polling = true;
      try {
        // Revalidated every time: the server answers 304 while nothing changed.
        const response = await fetch(updatesUrl, { cache: 'no-cache', signal: aborter.signal });
        if (!response.ok) throw new Error(`${updatesUrl}: ${response.status}`);
        const etag = response.headers.get('etag');
        const updates = (await response.json()) as LiveUpdates;
        failures = 0;
        if (etag === null || etag !== lastEtag) apply(updates);
        lastEtag = etag;
        stopped ||= updates.ended;
      } catch {
        if (aborter.signal.aborted) return;
        failures += 1;
        stopped ||= failures >= MAX_FAILURES;
      } finally {
        polling = false;
      }
      schedule(interval() * 2 ** failures);
    }

    // A tab coming back asks at once rather than waiting out its slow hidden interval.
    const onVisibility = () => schedule(document.hidden ? LIVE_HIDDEN_POLL_MS : 0);
    document.addEventListener('visibilitychange', onVisibility);
    schedule(interval());
    return () => {
      stopped = true;
      clearTimeout(timer);
      aborter.abort();
      document.removeEventListener('visibilitychange', onVisibility);
      document.title = title;
    };
  }, [updatesUrl, entriesId]);

  return (
    <div className="liveness" aria-live="polite">
      {waiting > 0 ? (
        <button type="button" className="liveness__toast" onClick={() => showWaiting.current()}>
          {newUpdates(waiting)}
        </button>
      ) : (
        <span className="visually-hidden">{notice}</span>
      )}
    </div>
  );
}
