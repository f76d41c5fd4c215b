import type { Syndication } from '@/lib/content/types';

/** Republished stories say where they come from, with a link to the original where there is one. */
export function WireAttribution({ syndication }: { syndication: Syndication }) {
  return (
    <aside className="wire-attribution" aria-label="Source">
      {syndication.wireLine && <p className="wire-attribution__line">— {syndication.wireLine}</p>}
      {syndication.originalUrl ? (
        <p>
          This article originally appeared on {syndication.source} and was reproduced with permission.{' '}
          <a href={syndication.originalUrl} rel="noopener">
            Read the original on {syndication.source}
          </a>
          .
        </p>
      ) : (
        <p>This article was distributed by {syndication.source} and is reproduced with permission.</p>
      )}
      {syndication.copyright && <p className="wire-attribution__copyright">{syndication.copyright}</p>}
    </aside>
  );
}
