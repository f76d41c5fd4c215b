import type { Correction } from '@/lib/content/types';
import { Timestamp } from './Timestamp';

/** Dated correction notes below the standfirst, newest first: readers see what changed and when. */
export function Corrections({ corrections }: { corrections: Correction[] }) {
  if (!corrections.length) return null;
  return (
    <aside className="corrections" aria-label="Corrections">
      {[...corrections].reverse().map((correction) => (
        <p key={`${correction.date} ${correction.text}`} className="corrections__item">
          <strong>Correction</strong> (<Timestamp iso={correction.date} long />): {correction.text}
        </p>
      ))}
    </aside>
  );
}
