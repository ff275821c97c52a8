/**
 * Just enough PDF reading to append an incremental update to a classic-xref PDF (what pdfkit
 * writes): the last trailer, the cross-reference table and the text of dictionary objects.
 * Not a general PDF parser: object streams and xref streams are rejected with a clear error.
 */

export interface Ref {
  num: number;
  gen: number;
}

export const refString = (r: Ref): string => `${r.num} ${r.gen} R`;

export interface PdfLayout {
  /** Byte offset of each in-use object (newest revision wins). */
  offsets: Map<number, { offset: number; gen: number }>;
  trailer: string;
  startxref: number;
  size: number;
  root: Ref;
}

const latin1 = (pdf: Buffer, from = 0, to = pdf.length): string => pdf.toString('latin1', from, to);

export function findRef(dict: string, key: string): Ref | null {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`).exec(dict);
  return m ? { num: Number(m[1]), gen: Number(m[2]) } : null;
}

function lastStartxref(pdf: Buffer): number {
  const tail = latin1(pdf, Math.max(0, pdf.length - 1024));
  const matches = [...tail.matchAll(/startxref\s+(\d+)/g)];
  if (matches.length === 0) throw new Error('PDF: no startxref');
  return Number(matches[matches.length - 1][1]);
}

function readXrefSection(pdf: Buffer, at: number, layout: PdfLayout): string {
  const text = latin1(pdf, at, Math.min(pdf.length, at + 4096 + 40 * 100000));
  if (!text.startsWith('xref')) throw new Error('PDF: cross-reference streams are not supported');
  const lines = text.split(/\r\n|\r|\n/);
  let i = 1;
  while (i < lines.length && !lines[i].startsWith('trailer')) {
    const [start, count] = lines[i].trim().split(/\s+/).map(Number);
    i++;
    for (let k = 0; k < count; k++, i++) {
      const [off, gen, kind] = lines[i].trim().split(/\s+/);
      const num = start + k;
      if (kind === 'n' && !layout.offsets.has(num)) layout.offsets.set(num, { offset: Number(off), gen: Number(gen) });
    }
  }
  const trailerStart = text.indexOf('trailer');
  const trailerEnd = text.indexOf('startxref', trailerStart);
  return text.slice(trailerStart + 'trailer'.length, trailerEnd).trim();
}

export function readLayout(pdf: Buffer): PdfLayout {
  const startxref = lastStartxref(pdf);
  const layout: PdfLayout = { offsets: new Map(), trailer: '', startxref, size: 0, root: { num: 0, gen: 0 } };
  layout.trailer = readXrefSection(pdf, startxref, layout);
  // Older revisions, if any, fill in objects the newest section does not list.
  for (let prev = /\/Prev\s+(\d+)/.exec(layout.trailer); prev;) {
    const older = readXrefSection(pdf, Number(prev[1]), layout);
    prev = /\/Prev\s+(\d+)/.exec(older);
  }
  const size = /\/Size\s+(\d+)/.exec(layout.trailer);
  const root = findRef(layout.trailer, 'Root');
  if (!size || !root) throw new Error('PDF: trailer without /Size or /Root');
  layout.size = Number(size[1]);
  layout.root = root;
  return layout;
}

/** The dictionary text (`<< ... >>`) of a non-stream object. */
export function readDictionary(pdf: Buffer, layout: PdfLayout, ref: Ref): string {
  const entry = layout.offsets.get(ref.num);
  if (!entry) throw new Error(`PDF: object ${ref.num} not found`);
  const text = latin1(pdf, entry.offset, Math.min(pdf.length, entry.offset + 64 * 1024));
  const header = /^\s*(\d+)\s+(\d+)\s+obj/.exec(text);
  if (!header || Number(header[1]) !== ref.num) throw new Error(`PDF: bad xref offset for object ${ref.num}`);
  const end = text.indexOf('endobj');
  const body = text.slice(header[0].length, end < 0 ? undefined : end);
  if (/\bstream\b/.test(body)) throw new Error(`PDF: object ${ref.num} is a stream, not a dictionary`);
  const open = body.indexOf('<<');
  const close = body.lastIndexOf('>>');
  if (open < 0 || close < open) throw new Error(`PDF: object ${ref.num} is not a dictionary`);
  return body.slice(open, close + 2);
}

/** Adds entries just before the closing `>>` of a dictionary's text. */
export function withEntries(dict: string, entries: string): string {
  return `${dict.slice(0, dict.length - 2).trimEnd()} ${entries} >>`;
}

/** Page references in document order (walks the /Pages tree). */
export function pageRefs(pdf: Buffer, layout: PdfLayout): Ref[] {
  const catalog = readDictionary(pdf, layout, layout.root);
  const pagesRef = findRef(catalog, 'Pages');
  if (!pagesRef) throw new Error('PDF: catalog without /Pages');
  const out: Ref[] = [];
  const walk = (ref: Ref, depth: number): void => {
    if (depth > 32) throw new Error('PDF: page tree too deep');
    const dict = readDictionary(pdf, layout, ref);
    if (/\/Type\s*\/Page\b(?!s)/.test(dict)) {
      out.push(ref);
      return;
    }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict);
    if (!kids) throw new Error(`PDF: page tree node ${ref.num} without /Kids`);
    for (const m of kids[1].matchAll(/(\d+)\s+(\d+)\s+R/g)) walk({ num: Number(m[1]), gen: Number(m[2]) }, depth + 1);
  };
  walk(pagesRef, 0);
  return out;
}

/** A PDF text string as UTF-16BE hex, safe for any characters. */
export function pdfTextString(s: string): string {
  const utf16be = Buffer.from(s, 'utf16le').swap16();
  return `<FEFF${utf16be.toString('hex').toUpperCase()}>`;
}

/** PDF date string in UTC, e.g. `D:20250512013000Z`. */
export function pdfDate(d: Date): string {
  return `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
