'use client';

import { useEffect, useState } from 'react';
import type { SharedPage } from '@/lib/share';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The two share actions that need JavaScript: copy the link and the system share sheet. Each
 * appears only once the browser is known to support it, so nothing dead is shown without JS.
 */
export function ShareActions({ page }: { page: SharedPage }) {
  const [support, setSupport] = useState({ copy: false, native: false });
  const [copyState, setCopyState] = useState<CopyState>('idle');

  useEffect(() => {
    setSupport({ copy: Boolean(navigator.clipboard?.writeText), native: typeof navigator.share === 'function' });
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(page.url);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };

  const share = async () => {
    try {
      await navigator.share({ title: page.title, url: page.url });
    } catch {
      // The reader closed the share sheet: nothing to report.
    }
  };

  return (
    <>
      {support.copy && (
        <li>
          <button type="button" className="share__link share__link--copy" onClick={copy}>
            Copy link
          </button>
          <span role="status" className="share__status">
            {copyState === 'copied' ? 'Link copied' : copyState === 'failed' ? 'Could not copy the link' : ''}
          </span>
        </li>
      )}
      {support.native && (
        <li>
          <button type="button" className="share__link share__link--native" onClick={share}>
            More ways to share…
          </button>
        </li>
      )}
    </>
  );
}
