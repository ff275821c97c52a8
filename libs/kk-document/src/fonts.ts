import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * TrueType fonts embedded (subset) in every KK. DejaVu Sans Condensed comes from the
 * `dejavu-fonts-ttf` npm package, so rendering needs no system fonts; pdfkit's standard-14 fonts
 * are not embedded and would make the document look different from viewer to viewer.
 */
const FONT_FILES = {
  regular: 'DejaVuSansCondensed.ttf',
  bold: 'DejaVuSansCondensed-Bold.ttf',
} as const;

export type KkFont = keyof typeof FONT_FILES;

/**
 * OpenType layout tables (ligatures, kerning, mark positioning). A KK is upper-case Latin text
 * that needs none of them, and pdfkit parses them afresh for every document: dropping them more
 * than halves rendering time.
 */
const LAYOUT_TABLES = new Set(['GSUB', 'GPOS', 'GDEF', 'kern', 'morx', 'mort', 'JSTF', 'MATH']);

/**
 * The `post` table reduced to format 3 (same metrics, no glyph names): pdfkit reads it for the
 * italic angle and would otherwise decode thousands of glyph names per document.
 */
function postFormat3(post: Buffer): Buffer {
  const header = Buffer.from(post.subarray(0, 32));
  header.writeUInt32BE(0x00030000, 0);
  return header;
}

/** A copy of a TrueType font without the tables in `drop`, glyph names dropped (table directory rebuilt, 4-byte aligned). */
export function withoutTables(ttf: Buffer, drop: ReadonlySet<string>): Buffer {
  const numTables = ttf.readUInt16BE(4);
  const kept: Array<{ tag: string; checksum: number; data: Buffer }> = [];
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = ttf.toString('latin1', rec, rec + 4);
    if (drop.has(tag)) continue;
    const offset = ttf.readUInt32BE(rec + 8);
    const data = ttf.subarray(offset, offset + ttf.readUInt32BE(rec + 12));
    kept.push({ tag, checksum: ttf.readUInt32BE(rec + 4), data: tag === 'post' ? postFormat3(data) : data });
  }
  const entrySelector = Math.floor(Math.log2(kept.length));
  const searchRange = 16 * 2 ** entrySelector;
  const header = Buffer.alloc(12 + 16 * kept.length);
  header.writeUInt32BE(ttf.readUInt32BE(0), 0);
  header.writeUInt16BE(kept.length, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(kept.length * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  kept.forEach((t, i) => {
    const rec = 12 + 16 * i;
    header.write(t.tag, rec, 'latin1');
    header.writeUInt32BE(t.checksum, rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(t.data.length, rec + 12);
    const padded = Buffer.alloc(Math.ceil(t.data.length / 4) * 4);
    t.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

let cache: Record<KkFont, Buffer> | null = null;

export function kkFonts(): Record<KkFont, Buffer> {
  if (!cache) {
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const load = (file: string): Buffer => withoutTables(readFileSync(join(dir, file)), LAYOUT_TABLES);
    cache = { regular: load(FONT_FILES.regular), bold: load(FONT_FILES.bold) };
  }
  return cache;
}
