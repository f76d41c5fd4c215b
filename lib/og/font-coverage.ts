import { inflateSync } from 'node:zlib';

/**
 * The code points a WOFF (1.0) or TrueType/OpenType font has glyphs for, read from its `cmap`
 * table. The card renderer (satori) downloads a font from the internet for any character its
 * fonts lack, so cards keep only characters this set says are covered.
 */
export function fontCodePoints(font: Buffer): Set<number> {
  return codePointsFromCmap(readTable(font, 'cmap'));
}

function readTable(font: Buffer, tag: string): Buffer {
  const signature = font.toString('latin1', 0, 4);
  const isWoff = signature === 'wOFF';
  if (signature === 'wOF2') throw new Error('WOFF2 is not supported: use the .woff or .ttf file');
  const tableCount = font.readUInt16BE(isWoff ? 12 : 4);
  const directory = isWoff ? 44 : 12;
  const entrySize = isWoff ? 20 : 16;
  for (let i = 0; i < tableCount; i++) {
    const entry = directory + i * entrySize;
    if (font.toString('latin1', entry, entry + 4) !== tag) continue;
    if (!isWoff) {
      const offset = font.readUInt32BE(entry + 8);
      return font.subarray(offset, offset + font.readUInt32BE(entry + 12));
    }
    const offset = font.readUInt32BE(entry + 4);
    const compressedLength = font.readUInt32BE(entry + 8);
    const length = font.readUInt32BE(entry + 12);
    const data = font.subarray(offset, offset + compressedLength);
    return compressedLength < length ? inflateSync(data) : data;
  }
  throw new Error(`font has no ${tag} table`);
}

/** Unicode subtables only: (0, *) and Windows (3, 1) BMP or (3, 10) full repertoire. */
function isUnicodeEncoding(platform: number, encoding: number): boolean {
  return platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
}

function codePointsFromCmap(cmap: Buffer): Set<number> {
  const codePoints = new Set<number>();
  const subtableCount = cmap.readUInt16BE(2);
  for (let i = 0; i < subtableCount; i++) {
    const record = 4 + i * 8;
    if (!isUnicodeEncoding(cmap.readUInt16BE(record), cmap.readUInt16BE(record + 2))) continue;
    const subtable = cmap.subarray(cmap.readUInt32BE(record + 4));
    const format = subtable.readUInt16BE(0);
    if (format === 4) addFormat4(subtable, codePoints);
    else if (format === 12) addFormat12(subtable, codePoints);
  }
  return codePoints;
}

/** Segment mapping to delta values (BMP). A code point maps to glyph 0 when it is missing. */
function addFormat4(table: Buffer, into: Set<number>): void {
  const segments = table.readUInt16BE(6) / 2;
  const ends = 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const start = table.readUInt16BE(starts + s * 2);
    const end = table.readUInt16BE(ends + s * 2);
    const delta = table.readUInt16BE(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = table.readUInt16BE(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        const glyphAt = rangeOffsetAt + rangeOffset + (code - start) * 2;
        glyph = glyphAt + 2 <= table.length ? table.readUInt16BE(glyphAt) : 0;
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) into.add(code);
    }
  }
}

/** Segmented coverage (all planes): groups of consecutive code points. */
function addFormat12(table: Buffer, into: Set<number>): void {
  const groups = table.readUInt32BE(12);
  for (let g = 0; g < groups; g++) {
    const group = 16 + g * 12;
    const end = table.readUInt32BE(group + 4);
    for (let code = table.readUInt32BE(group); code <= end; code++) into.add(code);
  }
}
