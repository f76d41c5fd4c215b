import type { Page } from 'playwright-core';

/**
 * In-page measurements. Each function runs in the browser through page.evaluate, so it may
 * only use what it is given and what the page has.
 */

/** Elements that stick out past the right edge of the viewport (the cause of sideways scrolling). */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => {
        const rect = el.getBoundingClientRect();
        return rect.width > 0 && rect.right > root.clientWidth + 0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80))
      .slice(0, 10);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  });
}

/** Makes lazy images load now and waits for every rendered image to decode. */
export function loadAllImages(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const images = [...document.images].filter((img) => img.getClientRects().length > 0);
    for (const img of images) img.loading = 'eager';
    await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
  });
}

/**
 * Lists images drawn at another aspect ratio than the file's, unless they crop or letterbox on
 * purpose (object-fit: cover or contain). Call loadAllImages first.
 */
export function stretchedImages(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const images = [...document.images].filter((img) => img.getClientRects().length > 0);
    return images.flatMap((img) => {
      const { width, height } = img.getBoundingClientRect();
      if (!img.naturalWidth || !img.naturalHeight) return [`${img.currentSrc || img.src}: did not load`];
      const fit = getComputedStyle(img).objectFit;
      const drift = Math.abs(width / height - img.naturalWidth / img.naturalHeight) / (img.naturalWidth / img.naturalHeight);
      // One CSS pixel of rounding on a small thumbnail is about 2 %.
      if (drift <= 0.02 || fit === 'cover' || fit === 'contain') return [];
      return [`${img.alt}: drawn ${width.toFixed(0)}x${height.toFixed(0)}, file ${img.naturalWidth}x${img.naturalHeight}, object-fit ${fit}`];
    });
  });
}

/** Starts summing layout shifts before the page's first byte (call before page.goto). */
export async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __layoutShifts: { value: number; sources: string[] }[] };
    w.__layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName)));
        w.__layoutShifts.push({ value: entry.value, sources });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export function layoutShifts(page: Page): Promise<{ value: number; sources: string[] }[]> {
  return page.evaluate(() => (window as unknown as { __layoutShifts: { value: number; sources: string[] }[] }).__layoutShifts);
}

/** The element the browser reported last as largest contentful paint: tag, class chain and image URL. */
export function largestContentfulPaint(page: Page): Promise<{ tag: string; inside: string; url: string } | null> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries() as unknown as { element: Element | null; url: string }[];
          const last = entries[entries.length - 1];
          const el = last?.element;
          resolve(el ? { tag: el.tagName.toLowerCase(), inside: el.parentElement?.closest('[class]')?.className ?? '', url: last.url } : null);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve(null), 3000);
      }),
  );
}

/** How the focused element shows focus: outline and box-shadow as computed, and whether it is on screen. */
export function focusIndicator(page: Page): Promise<{ element: string; outline: string; outlineWidth: number; boxShadow: string; onScreen: boolean } | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return {
      element: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
      outline: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      boxShadow: style.boxShadow,
      onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight,
    };
  });
}
