import type PDFDocument from 'pdfkit';
import { qrCodeRuns } from '../qr-code';

/** Shared pdfkit helpers of the project's printed documents (the KK, the tanda terima). */
export type Doc = InstanceType<typeof PDFDocument>;

/** The whole document as one buffer once pdfkit has written it. */
export function collectPdf(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The QR code as vector squares (sharp at any zoom, no image codec), with a quiet zone. */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = qrCodeRuns(text);
  const quiet = 2;
  const unit = size / (qr.size + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  for (const r of qr.runs) doc.rect(x + (quiet + r.col) * unit, y + (quiet + r.row) * unit, r.length * unit, unit);
  doc.fill('#000000').restore();
}
