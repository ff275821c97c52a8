import PDFDocument from 'pdfkit';
import { kkFonts } from '../fonts';
import { collectPdf, drawQr, type Doc } from '../pdf/pdfkit-drawing';
import { PROVISIONAL_DUE_NOTE, type ReceiptSlipData } from './receipt-slip';

// A5 portrait in points: a slip the counter prints on the office printer and hands over.
const PAGE = { width: 419.53, height: 595.28 };
const MARGIN = 28;
const WIDTH = PAGE.width - 2 * MARGIN;
const LABEL_WIDTH = 118;
const QR_SIZE = 84;

function row(doc: Doc, label: string, value: string, y: number): number {
  doc.font('regular').fontSize(8.5).text(label, MARGIN, y, { width: LABEL_WIDTH, lineBreak: false });
  doc.text(':', MARGIN + LABEL_WIDTH, y, { width: 8, lineBreak: false });
  const valueWidth = WIDTH - LABEL_WIDTH - 10;
  doc.font('bold').text(value, MARGIN + LABEL_WIDTH + 10, y, { width: valueWidth });
  return y + Math.max(13, doc.heightOfString(value, { width: valueWidth }) + 3);
}

function header(doc: Doc, data: ReceiptSlipData): number {
  doc.font('bold').fontSize(11).text(data.office.name.toUpperCase(), MARGIN, MARGIN, { width: WIDTH, align: 'center' });
  doc.font('regular').fontSize(7.5).text(data.office.address, { width: WIDTH, align: 'center' });
  let y = doc.y + 6;
  doc
    .lineWidth(1)
    .moveTo(MARGIN, y)
    .lineTo(PAGE.width - MARGIN, y)
    .stroke();
  y += 10;
  doc.font('bold').fontSize(12).text('TANDA TERIMA BERKAS', MARGIN, y, { width: WIDTH, align: 'center' });
  doc.font('regular').fontSize(9).text(`Nomor: ${data.receiptNumber}`, { width: WIDTH, align: 'center' });
  return doc.y + 12;
}

function requirements(doc: Doc, items: string[], top: number): number {
  doc.font('regular').fontSize(8.5).text('Persyaratan yang diterima:', MARGIN, top, { width: WIDTH });
  let y = doc.y + 3;
  items.forEach((label, i) => {
    doc.text(`${i + 1}.`, MARGIN + 6, y, { width: 14, lineBreak: false });
    doc.text(label, MARGIN + 22, y, { width: WIDTH - 22 });
    y = doc.y + 2;
  });
  return y + 6;
}

function footer(doc: Doc, data: ReceiptSlipData, top: number): void {
  const y = Math.max(top, PAGE.height - MARGIN - QR_SIZE - 40);
  drawQr(doc, data.trackingUrl, MARGIN, y, QR_SIZE);
  const x = MARGIN + QR_SIZE + 10;
  const width = WIDTH - QR_SIZE - 10;
  doc
    .font('bold')
    .fontSize(8.5)
    .text('Cek status permohonan', x, y + 4, { width });
  doc.font('regular').fontSize(7.5).text('Pindai kode QR atau buka alamat berikut, lalu masukkan data verifikasi Anda:', { width });
  doc.font('bold').text(data.trackingUrl, { width });
  doc.font('regular').text('Bawa tanda terima ini saat mengambil KK.', { width });
  const contacts = `Pengaduan, saran dan masukan: telepon ${data.complaints.telepon}, email ${data.complaints.email}`;
  doc.fontSize(7.5).text(contacts, MARGIN, y + QR_SIZE + 8, { width: WIDTH, align: 'center' });
}

/** Renders the tanda terima as a single-page A5 PDF with embedded fonts (text stays selectable). */
export async function renderReceiptSlipPdf(data: ReceiptSlipData): Promise<Buffer> {
  const fonts = kkFonts();
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    font: '',
    lang: 'id-ID',
    // No personal data in the metadata: the title names the receipt, not the applicant.
    info: { Title: `Tanda Terima ${data.receiptNumber}`, Creator: 'adminduk-platform', Producer: 'adminduk-platform' },
  });
  const done = collectPdf(doc);
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  let y = header(doc, data);
  y = row(doc, 'Diterima', data.receivedAt, y);
  y = row(doc, 'Nama pemohon', data.applicant.name, y);
  y = row(doc, 'NIK pemohon', data.applicant.nikMasked, y);
  y = row(doc, 'Jenis layanan', data.service, y);
  y = row(doc, 'Biaya', data.fee, y);
  y = row(
    doc,
    'Perkiraan selesai',
    data.due ? `${data.due.text}${data.due.provisional ? ' (sementara)' : ''}` : 'belum dapat ditentukan',
    y,
  );
  if (data.due?.provisional) {
    doc.font('regular').fontSize(7.5).text(PROVISIONAL_DUE_NOTE, MARGIN, y, { width: WIDTH });
    y = doc.y + 6;
  }
  y = requirements(doc, data.requirements, y + 4);
  if (data.collection) {
    doc.font('regular').fontSize(8).text(`KK dapat diambil oleh ${data.collection}.`, MARGIN, y, { width: WIDTH });
    y = doc.y + 6;
  }
  footer(doc, data, y);
  doc.end();
  return done;
}
