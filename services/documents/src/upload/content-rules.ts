import { decode as decodeJpeg } from 'jpeg-js';
import { EncryptedPDFError, PDFDocument, PDFRef } from 'pdf-lib';
import { PNG } from 'pngjs';
import type { DocumentMediaType } from './media-type';

/**
 * Whether a scan is what its first bytes claim: a PDF must parse (header, cross-reference table or
 * stream, trailer, catalog, at least one page) and an image must decode completely. Pure functions
 * over the file's bytes; they run in a worker thread (content-check.worker.ts) so a slow decode never
 * blocks the service's event loop.
 */
export type ContentProblem =
  | 'pdf-no-header'
  | 'pdf-no-trailer'
  | 'pdf-no-xref'
  | 'pdf-unparsable'
  | 'pdf-encrypted'
  | 'pdf-no-pages'
  | 'image-too-large'
  | 'jpeg-undecodable'
  | 'png-undecodable';

export interface ContentLimits {
  /** Largest image accepted, in megapixels: bounds the decoder's memory (about 4 bytes a pixel). */
  maxImageMegapixels: number;
}

export async function findContentProblem(
  bytes: Buffer,
  mediaType: DocumentMediaType,
  limits: ContentLimits,
): Promise<ContentProblem | null> {
  switch (mediaType) {
    case 'application/pdf':
      return pdfProblem(bytes);
    case 'image/jpeg':
      return jpegProblem(bytes, limits);
    case 'image/png':
      return await pngProblem(bytes, limits);
  }
}

// ---- PDF ----------------------------------------------------------------------------------------

/** The file must end with `startxref <offset> %%EOF` (ISO 32000-1, 7.5.5), give or take whitespace. */
const TAIL = /startxref\s+(\d+)\s+%%EOF\s*$/;
const XREF_ENTRY = /^(\d{10}) (\d{5}) ([nf])\s*$/;

async function pdfProblem(bytes: Buffer): Promise<ContentProblem | null> {
  if (!/^%PDF-\d\.\d/.test(bytes.subarray(0, 16).toString('latin1'))) return 'pdf-no-header';
  const tail = TAIL.exec(bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1'));
  if (!tail) return 'pdf-no-trailer';
  const xrefAt = Number(tail[1]);
  if (!Number.isSafeInteger(xrefAt) || xrefAt >= bytes.length) return 'pdf-no-xref';
  const xref = crossReference(bytes, xrefAt);
  if ('problem' in xref) return xref.problem;

  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false });
  } catch (e) {
    return e instanceof EncryptedPDFError ? 'pdf-encrypted' : 'pdf-unparsable';
  }
  // pdf-lib recovers a missing or wrong /Root by scanning for a catalog; the file must name it itself.
  const root = doc.context.trailerInfo.Root;
  if (!(root instanceof PDFRef) || root.objectNumber !== xref.root) return 'pdf-unparsable';
  try {
    return doc.getPageCount() > 0 ? null : 'pdf-no-pages';
  } catch {
    return 'pdf-unparsable'; // a page tree pointing at objects that are not there
  }
}

/**
 * The last cross-reference section, where `startxref` points: either a classic table (`xref`, whose
 * in-use entries must each point at that very object, then `trailer <<`) or a cross-reference stream
 * (`n g obj << /Type /XRef ...`, which pdf-lib then parses with the rest). Either names the catalog
 * (`/Root n g R`); its object number is returned.
 */
function crossReference(bytes: Buffer, at: number): { root: number } | { problem: ContentProblem } {
  const head = bytes.subarray(at, at + 64).toString('latin1');
  if (/^\s*\d+\s+\d+\s+obj\b/.test(head)) {
    const dict = bytes.subarray(at, at + 2048).toString('latin1');
    if (!/\/Type\s*\/XRef\b/.test(dict)) return { problem: 'pdf-no-xref' };
    return rootOf(dict);
  }
  if (!/^\s*xref\s/.test(head)) return { problem: 'pdf-no-xref' };
  const text = bytes.subarray(at).toString('latin1');
  const trailerAt = text.indexOf('trailer');
  if (trailerAt < 0 || !/^trailer\s*<</.test(text.slice(trailerAt))) return { problem: 'pdf-no-trailer' };
  const lines = text
    .slice(0, trailerAt)
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  let i = 1; // after "xref"
  let entries = 0;
  while (i < lines.length) {
    const section = /^(\d+) (\d+)$/.exec(lines[i++]);
    if (!section) return { problem: 'pdf-no-xref' };
    const [first, count] = [Number(section[1]), Number(section[2])];
    for (let k = 0; k < count; k++, i++) {
      const entry = XREF_ENTRY.exec(lines[i] ?? '');
      if (!entry) return { problem: 'pdf-no-xref' };
      if (entry[3] === 'n' && !objectStartsAt(bytes, Number(entry[1]), first + k)) return { problem: 'pdf-no-xref' };
      entries++;
    }
  }
  return entries > 0 ? rootOf(text.slice(trailerAt)) : { problem: 'pdf-no-xref' };
}

function rootOf(dictionary: string): { root: number } | { problem: ContentProblem } {
  const root = /\/Root\s+(\d+)\s+\d+\s+R\b/.exec(dictionary);
  return root ? { root: Number(root[1]) } : { problem: 'pdf-no-trailer' };
}

function objectStartsAt(bytes: Buffer, offset: number, objectNumber: number): boolean {
  if (offset >= bytes.length) return false;
  const m = /^\s*(\d+)\s+\d+\s+obj\b/.exec(bytes.subarray(offset, offset + 40).toString('latin1'));
  return m !== null && Number(m[1]) === objectNumber;
}

// ---- images -------------------------------------------------------------------------------------

function jpegProblem(bytes: Buffer, limits: ContentLimits): ContentProblem | null {
  try {
    decodeJpeg(bytes, {
      tolerantDecoding: false, // a truncated or corrupt scan must fail, not come out half grey
      formatAsRGBA: false,
      maxResolutionInMP: limits.maxImageMegapixels,
      // Components plus the RGB output: about 6 bytes a pixel at most, with headroom.
      maxMemoryUsageInMB: Math.ceil(limits.maxImageMegapixels * 8),
    });
    return null;
  } catch (e) {
    return /maxResolutionInMP|maxMemoryUsageInMB/.test(String((e as Error)?.message ?? e)) ? 'image-too-large' : 'jpeg-undecodable';
  }
}

async function pngProblem(bytes: Buffer, limits: ContentLimits): Promise<ContentProblem | null> {
  // IHDR is the first chunk (PNG spec 5.6): refuse an oversized image before inflating anything.
  if (bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') return 'png-undecodable';
  const pixels = bytes.readUInt32BE(16) * bytes.readUInt32BE(20);
  if (pixels > limits.maxImageMegapixels * 1_000_000) return 'image-too-large';
  // pngjs's streaming parser, not its sync reader: the latter accepts a file cut inside IDAT.
  const parsed = await new Promise<boolean>((resolve) => {
    const png = new PNG({ checkCRC: true });
    png.once('parsed', () => resolve(true));
    png.once('error', () => resolve(false));
    png.end(bytes);
  });
  return parsed ? null : 'png-undecodable';
}
