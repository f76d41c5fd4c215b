import type { CSSProperties, ReactElement } from 'react';
import { cardSize } from './card-image';
import { fontStack } from './fonts';

export const articlePhotoSize = { width: 540, height: cardSize.height } as const;
export const galleryPhotoSize = { width: cardSize.width, height: 470 } as const;

const colours = { paper: '#ffffff', ink: '#1a1a1a', muted: '#4d4d4d', accent: '#b3001e', night: '#121212' };

/** Text already passed through `drawableText`; the photo a data URL from `photoDataUrl`. */
export interface CardPhoto {
  dataUrl: string;
  credit: string;
}

/** Bigger type for short headlines, smaller for long ones; `lines` clamps what still overflows. */
export function headlineStyle(headline: string): { fontSize: number; lines: number } {
  const length = [...headline].length;
  if (length <= 50) return { fontSize: 60, lines: 4 };
  if (length <= 90) return { fontSize: 50, lines: 5 };
  return { fontSize: 42, lines: 6 };
}

function clamped(lines: number): CSSProperties {
  return { display: 'block', lineClamp: lines, overflow: 'hidden' } as CSSProperties;
}

function Brand({ siteName, label, light = false }: { siteName: string; label?: string; light?: boolean }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 20, fontFamily: fontStack('sans'), fontWeight: 600 }}>
      <span style={{ fontSize: 34, color: light ? colours.paper : colours.accent }}>{siteName}</span>
      {label && (
        <span style={{ fontSize: 22, color: colours.paper, background: colours.accent, padding: '6px 14px', textTransform: 'uppercase', letterSpacing: 1 }}>
          {label}
        </span>
      )}
    </div>
  );
}

function PhotoCredit({ credit, style }: { credit: string; style?: CSSProperties }) {
  if (!credit) return null;
  return (
    <div
      style={{
        display: 'flex',
        fontFamily: fontStack('sans'),
        fontWeight: 400,
        fontSize: 18,
        color: colours.paper,
        background: 'rgba(0, 0, 0, 0.6)',
        padding: '6px 12px',
        ...style,
      }}
    >
      {`Picture: ${credit}`}
    </div>
  );
}

/** A live blog's "LIVE" (or "ENDED", "UPDATE") and the time of its latest update, above the headline. */
function LiveLine({ label, time }: { label: string; time: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 14, fontFamily: fontStack('sans'), fontWeight: 600, fontSize: 26, color: colours.ink }}>
      <span style={{ color: colours.paper, background: label === 'Live' ? colours.accent : colours.muted, padding: '4px 12px', textTransform: 'uppercase', letterSpacing: 1 }}>{label}</span>
      {time && <span style={{ fontWeight: 400, color: colours.muted }}>{time}</span>}
    </div>
  );
}

/**
 * Brand, section, headline on the left; the hero photo with its credit on the right. A
 * text-only story (a wire story without pictures) gets the headline across the whole card.
 */
export function articleCard({ siteName, section, headline, host, photo, live }: { siteName: string; section: string; headline: string; host: string; photo?: CardPhoto; live?: { label: string; time: string } }): ReactElement {
  const { fontSize, lines } = headlineStyle(headline);
  // A live line takes a line of the headline's room.
  const headlineLines = live ? lines - 1 : lines;
  return (
    <div style={{ display: 'flex', width: '100%', height: '100%', background: colours.paper }}>
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', width: photo ? cardSize.width - articlePhotoSize.width : cardSize.width, padding: '48px 52px', borderTop: `12px solid ${colours.accent}` }}>
        <Brand siteName={siteName} label={section} />
        {live && <LiveLine {...live} />}
        <div style={{ ...clamped(headlineLines), fontFamily: fontStack('serif'), fontWeight: 700, fontSize, lineHeight: 1.15, color: colours.ink }}>{headline}</div>
        <div style={{ display: 'flex', fontFamily: fontStack('sans'), fontWeight: 400, fontSize: 22, color: colours.muted }}>{host}</div>
      </div>
      {photo && (
        <div style={{ display: 'flex', position: 'relative', width: articlePhotoSize.width, height: articlePhotoSize.height }}>
          {/* eslint-disable-next-line @next/next/no-img-element -- satori draws <img>, not next/image */}
          <img src={photo.dataUrl} width={articlePhotoSize.width} height={articlePhotoSize.height} alt="" />
          <PhotoCredit credit={photo.credit} style={{ position: 'absolute', right: 0, bottom: 0, maxWidth: articlePhotoSize.width }} />
        </div>
      )}
    </div>
  );
}

/** A gallery photo across the card, with its caption and credit beneath. */
export function galleryPhotoCard({ siteName, caption, photo }: { siteName: string; caption: string; photo: CardPhoto }): ReactElement {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', width: '100%', height: '100%', background: colours.night }}>
      {/* eslint-disable-next-line @next/next/no-img-element -- satori draws <img>, not next/image */}
      <img src={photo.dataUrl} width={galleryPhotoSize.width} height={galleryPhotoSize.height} alt="" />
      <div style={{ display: 'flex', alignItems: 'center', gap: 32, flexGrow: 1, padding: '0 40px', fontFamily: fontStack('sans') }}>
        <Brand siteName={siteName} light />
        <div style={{ display: 'flex', flexDirection: 'column', flex: 1, gap: 6, color: colours.paper }}>
          <div style={{ ...clamped(2), fontWeight: 400, fontSize: 28, lineHeight: 1.25 }}>{caption}</div>
          {photo.credit && <div style={{ ...clamped(1), fontWeight: 400, fontSize: 20, opacity: 0.8 }}>{`Picture: ${photo.credit}`}</div>}
        </div>
      </div>
    </div>
  );
}

/** Home page and section fronts: the brand, the front's name and what it covers. */
export function frontCard({ siteName, title, description, host }: { siteName: string; title: string; description: string; host: string }): ReactElement {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', width: '100%', height: '100%', padding: '56px 72px', background: colours.paper, borderTop: `16px solid ${colours.accent}` }}>
      <Brand siteName={siteName} />
      <div style={{ display: 'flex', flexDirection: 'column', gap: 24 }}>
        <div style={{ ...clamped(2), fontFamily: fontStack('serif'), fontWeight: 700, fontSize: 84, lineHeight: 1.1, color: colours.ink }}>{title}</div>
        <div style={{ ...clamped(3), fontFamily: fontStack('sans'), fontWeight: 400, fontSize: 32, lineHeight: 1.35, color: colours.muted }}>{description}</div>
      </div>
      <div style={{ display: 'flex', fontFamily: fontStack('sans'), fontWeight: 400, fontSize: 24, color: colours.muted }}>{host}</div>
    </div>
  );
}
