import { createHash } from 'node:crypto';
import { findRef, pageRefs, pdfDate, pdfTextString, readDictionary, readLayout, Ref, refString, withEntries } from './pdf-objects';

export const SUBFILTER_CADES_DETACHED = 'ETSI.CAdES.detached';

/** Where the visible signature sits: 1-based page, rectangle in PDF points from the bottom-left. */
export interface SignatureRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SignatureFieldOptions {
  rect: SignatureRect;
  signingTime: Date;
  reason: string;
  location: string;
  /** Name of the signer as shown by viewers (the certificate stays authoritative). */
  name?: string;
  /** Room reserved for the CMS, in bytes (written as twice as many hex digits). */
  signatureLength?: number;
  fieldName?: string;
}

/** A PDF with an empty signature value: /ByteRange is filled in, /Contents is still zeros. */
export interface PreparedPdf {
  pdf: Buffer;
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit inside `/Contents <...>`. */
  contentsHexStart: number;
  contentsHexLength: number;
}

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 ********** ********** **********]';

/**
 * Appends an incremental update with a signature field (widget on the given page, listed in a new
 * /AcroForm) and its signature dictionary, then fixes /ByteRange around /Contents. The original
 * bytes are kept untouched, as incremental signing requires.
 */
export function addSignatureField(original: Buffer, opts: SignatureFieldOptions): PreparedPdf {
  const layout = readLayout(original);
  const pages = pageRefs(original, layout);
  const pageRef = pages[opts.rect.page - 1];
  if (!pageRef) throw new Error(`PDF: page ${opts.rect.page} does not exist (${pages.length} pages)`);
  const catalog = readDictionary(original, layout, layout.root);
  if (/\/AcroForm\b/.test(catalog)) throw new Error('PDF: documents that already have a form are not supported');
  const page = readDictionary(original, layout, pageRef);

  const sigRef: Ref = { num: layout.size, gen: 0 };
  const widgetRef: Ref = { num: layout.size + 1, gen: 0 };
  const appearanceRef: Ref = { num: layout.size + 2, gen: 0 };
  const { x, y, width, height } = opts.rect;
  const contentsHexLength = 2 * (opts.signatureLength ?? 8192);

  let updatedPage: string;
  if (/\/Annots\s*\[/.test(page)) updatedPage = page.replace(/\/Annots\s*\[/, `/Annots [${refString(widgetRef)} `);
  else if (findRef(page, 'Annots')) throw new Error('PDF: indirect /Annots arrays are not supported');
  else updatedPage = withEntries(page, `/Annots [${refString(widgetRef)}]`);
  const updatedCatalog = withEntries(catalog, `/AcroForm << /Fields [${refString(widgetRef)}] /SigFlags 3 >>`);

  const sigDict =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${SUBFILTER_CADES_DETACHED} ` +
    `${BYTE_RANGE_PLACEHOLDER} /Contents <${'0'.repeat(contentsHexLength)}> ` +
    `/M (${pdfDate(opts.signingTime)}) /Reason ${pdfTextString(opts.reason)} /Location ${pdfTextString(opts.location)}` +
    (opts.name ? ` /Name ${pdfTextString(opts.name)}` : '') +
    ' >>';
  const widget =
    `<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T ${pdfTextString(opts.fieldName ?? 'TTE Kepala Dinas')} ` +
    `/V ${refString(sigRef)} /P ${refString(pageRef)} /Rect [${[x, y, x + width, y + height].map((n) => n.toFixed(2)).join(' ')}] ` +
    `/AP << /N ${refString(appearanceRef)} >> >>`;
  // The visible block is drawn in the page content; the appearance stream is intentionally empty.
  const appearance = `<< /Type /XObject /Subtype /Form /BBox [0 0 ${width.toFixed(2)} ${height.toFixed(2)}] /Length 0 >>\nstream\n\nendstream`;

  const objects: Array<[Ref, string]> = [
    [layout.root, updatedCatalog],
    [pageRef, updatedPage],
    [sigRef, sigDict],
    [widgetRef, widget],
    [appearanceRef, appearance],
  ];
  const parts: string[] = [];
  let offset = original.length + 1;
  const prefix = original[original.length - 1] === 0x0a ? '' : '\n';
  if (prefix === '') offset = original.length;
  const xrefEntries: Array<[Ref, number]> = [];
  for (const [ref, body] of objects) {
    const text = `${ref.num} ${ref.gen} obj\n${body}\nendobj\n`;
    xrefEntries.push([ref, offset]);
    parts.push(text);
    offset += Buffer.byteLength(text, 'latin1');
  }
  const xrefOffset = offset;
  const xref =
    'xref\n' +
    xrefEntries
      .sort((a, b) => a[0].num - b[0].num)
      .map(([ref, off]) => `${ref.num} 1\n${String(off).padStart(10, '0')} ${String(ref.gen).padStart(5, '0')} n\r\n`)
      .join('');
  const id = /\/ID\s*\[[^\]]*\]/.exec(layout.trailer)?.[0] ?? `/ID [<${fileId(original)}> <${fileId(original)}>]`;
  const info = findRef(layout.trailer, 'Info');
  const trailer =
    `trailer\n<< /Size ${layout.size + 3} /Root ${refString(layout.root)}` +
    (info ? ` /Info ${refString(info)}` : '') +
    ` /Prev ${layout.startxref} ${id} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;

  const pdf = Buffer.concat([original, Buffer.from(prefix + parts.join('') + xref + trailer, 'latin1')]);
  return fillByteRange(pdf, original.length, contentsHexLength);
}

function fileId(pdf: Buffer): string {
  return createHash('md5').update(pdf).digest('hex').toUpperCase();
}

function fillByteRange(pdf: Buffer, searchFrom: number, contentsHexLength: number): PreparedPdf {
  const placeholderAt = pdf.indexOf(BYTE_RANGE_PLACEHOLDER, searchFrom, 'latin1');
  const contentsAt = pdf.indexOf('/Contents <', placeholderAt, 'latin1');
  if (placeholderAt < 0 || contentsAt < 0) throw new Error('PDF: signature placeholder not found');
  const contentsHexStart = contentsAt + '/Contents <'.length;
  const gapStart = contentsHexStart - 1; // the '<'
  const gapEnd = contentsHexStart + contentsHexLength + 1; // after the '>'
  const byteRange: [number, number, number, number] = [0, gapStart, gapEnd, pdf.length - gapEnd];
  const text = `/ByteRange [${byteRange.join(' ')}]`;
  if (text.length > BYTE_RANGE_PLACEHOLDER.length) throw new Error('PDF: too large to sign');
  pdf.write(text.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), placeholderAt, 'latin1');
  return { pdf, byteRange, contentsHexStart, contentsHexLength };
}

/** SHA-256 over the bytes that /ByteRange covers: what the CMS messageDigest must equal. */
export function byteRangeDigest(pdf: Buffer, byteRange: readonly number[]): Buffer {
  const [a, b, c, d] = byteRange;
  return createHash('sha256')
    .update(pdf.subarray(a, a + b))
    .update(pdf.subarray(c, c + d))
    .digest();
}

/** Writes the CMS into the reserved /Contents; the result is the signed PDF. */
export function embedSignature(prepared: PreparedPdf, cms: Buffer): Buffer {
  const hex = cms.toString('hex').toUpperCase();
  if (hex.length > prepared.contentsHexLength) {
    throw new Error(`PDF: signature of ${cms.length} bytes exceeds the reserved ${prepared.contentsHexLength / 2}`);
  }
  const signed = Buffer.from(prepared.pdf);
  signed.write(hex, prepared.contentsHexStart, 'latin1');
  return signed;
}
