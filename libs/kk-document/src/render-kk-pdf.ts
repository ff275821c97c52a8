import PDFDocument from 'pdfkit';
import { kkFonts } from './fonts';
import { formatKkDate, KkCardData, KkMember, MAX_KK_MEMBERS } from './kk-data';
import { SignatureRect } from './pdf/signature-field';
import { collectPdf, drawQr, type Doc } from './pdf/pdfkit-drawing';

export interface RenderedKk {
  /** The unsigned PDF. */
  pdf: Buffer;
  /** The reserved signature block (QR code + TTE label), in PDF coordinates, for the signer. */
  signatureRect: SignatureRect;
}

// A4 landscape in points.
const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = 28;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const FOOTER_HEIGHT = 132;
const FOOTER_TOP = PAGE.height - MARGIN - FOOTER_HEIGHT;

interface Column {
  title: string;
  width: number;
  value: (m: KkMember) => string;
}

const dash = (v: string | null | undefined): string => (v && v.trim() ? v : '-');

const TABLE_1: Column[] = [
  { title: 'Nama Lengkap', width: 140, value: (m) => m.namaLengkap },
  { title: 'NIK', width: 78, value: (m) => m.nik },
  { title: 'Jenis Kelamin', width: 58, value: (m) => m.jenisKelamin },
  { title: 'Tempat Lahir', width: 80, value: (m) => m.tempatLahir },
  { title: 'Tanggal Lahir', width: 55, value: (m) => formatKkDate(m.tanggalLahir) },
  { title: 'Agama', width: 62, value: (m) => m.agama },
  { title: 'Pendidikan', width: 102, value: (m) => m.pendidikan },
  { title: 'Jenis Pekerjaan', width: 128, value: (m) => m.jenisPekerjaan },
  { title: 'Golongan Darah', width: 63, value: (m) => m.golonganDarah },
];

const TABLE_2: Column[] = [
  { title: 'Status Perkawinan', width: 72, value: (m) => m.statusPerkawinan },
  { title: 'Tanggal Perkawinan', width: 62, value: (m) => formatKkDate(m.tanggalPerkawinan) },
  { title: 'Status Hubungan Dalam Keluarga', width: 100, value: (m) => m.statusHubungan },
  { title: 'Kewarganegaraan', width: 66, value: (m) => m.kewarganegaraan },
  { title: 'No. Paspor', width: 70, value: (m) => dash(m.noPaspor) },
  { title: 'No. KITAP', width: 70, value: (m) => dash(m.noKitap) },
  { title: 'Nama Ayah', width: 163, value: (m) => m.namaAyah },
  { title: 'Nama Ibu', width: 163, value: (m) => m.namaIbu },
];

const NO_COLUMN_WIDTH = 20;

/**
 * One table cell on one line, cut with an ellipsis when too wide. Measured here rather than with
 * pdfkit's line wrapper, which re-measures every prefix and dominated rendering time.
 */
function cell(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'center' = 'left'): void {
  const room = width - 4;
  let shown = text;
  if (doc.widthOfString(shown) > room) {
    while (shown.length > 1 && doc.widthOfString(`${shown}…`) > room) shown = shown.slice(0, -1);
    shown = `${shown.trimEnd()}…`;
  }
  const dx = align === 'center' ? (room - doc.widthOfString(shown)) / 2 : 0;
  doc.text(shown, x + 2 + dx, y, { lineBreak: false });
}

function drawHeader(doc: Doc, data: KkCardData): number {
  doc.font('bold').fontSize(16).text('KARTU KELUARGA', MARGIN, MARGIN, { width: CONTENT_WIDTH, align: 'center' });
  doc.fontSize(11).text(`No. ${data.header.noKk}`, MARGIN, MARGIN + 22, { width: CONTENT_WIDTH, align: 'center' });
  const h = data.header;
  const left: Array<[string, string]> = [
    ['Nama Kepala Keluarga', h.namaKepalaKeluarga],
    ['Alamat', h.alamat],
    ['RT/RW', `${h.rt}/${h.rw}`],
    ['Desa/Kelurahan', h.desaKelurahan],
  ];
  const right: Array<[string, string]> = [
    ['Kecamatan', h.kecamatan],
    ['Kabupaten/Kota', h.kabupatenKota],
    ['Kode Pos', h.kodePos],
    ['Provinsi', h.provinsi],
  ];
  const top = MARGIN + 46;
  const rowHeight = 12;
  const field = (rows: Array<[string, string]>, x: number, width: number): void => {
    rows.forEach(([label, value], i) => {
      const y = top + i * rowHeight;
      doc.font('regular').fontSize(8.5).text(label, x, y, { width: 110, lineBreak: false });
      doc.text(':', x + 110, y, { width: 8, lineBreak: false });
      doc.font('bold').text(value, x + 118, y, { width: width - 118, height: rowHeight, ellipsis: true });
    });
  };
  field(left, MARGIN, 400);
  field(right, MARGIN + 470, CONTENT_WIDTH - 470);
  return top + 4 * rowHeight + 6;
}

function drawTable(doc: Doc, top: number, columns: Column[], members: KkMember[], rowHeight: number, fontSize: number): number {
  const headerHeight = 22;
  const widths = [NO_COLUMN_WIDTH, ...columns.map((c) => c.width)];
  const xs = widths.reduce<number[]>((acc, w, i) => [...acc, acc[i] + w], [MARGIN]);
  const bottom = top + headerHeight + members.length * rowHeight;

  doc.save().rect(MARGIN, top, CONTENT_WIDTH, headerHeight).fill('#e6e6e6').restore();
  doc.lineWidth(0.5).strokeColor('#000000');
  doc.rect(MARGIN, top, CONTENT_WIDTH, bottom - top).stroke();
  for (const x of xs.slice(1, -1)) doc.moveTo(x, top).lineTo(x, bottom).stroke();
  for (let r = 0; r <= members.length; r++) {
    const y = top + headerHeight + r * rowHeight;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + CONTENT_WIDTH, y)
      .stroke();
  }

  doc.font('bold').fontSize(6.5);
  const titles = ['No', ...columns.map((c) => c.title)];
  titles.forEach((t, i) => {
    // Header titles may wrap to two lines; there are few of them, so pdfkit's wrapper is fine here.
    const textHeight = doc.heightOfString(t, { width: widths[i] - 4 });
    doc.text(t, xs[i] + 2, top + Math.max(1, (headerHeight - textHeight) / 2), { width: widths[i] - 4, align: 'center' });
  });
  doc.font('regular').fontSize(fontSize);
  members.forEach((m, r) => {
    const y = top + headerHeight + r * rowHeight + (rowHeight - fontSize * 1.15) / 2;
    cell(doc, String(r + 1), xs[0], y, widths[0], 'center');
    columns.forEach((c, i) => cell(doc, c.value(m), xs[i + 1], y, widths[i + 1]));
  });
  return bottom;
}

/** Footer: issue date, kepala keluarga, and the Kepala Dinas block with the QR code (the TTE area). */
function drawFooter(doc: Doc, data: KkCardData): SignatureRect {
  const top = FOOTER_TOP;
  doc.font('regular').fontSize(8.5).text('Dikeluarkan Tanggal', MARGIN, top, { lineBreak: false });
  doc.text(`:  ${formatKkDate(data.footer.dikeluarkanTanggal)}`, MARGIN + 90, top, { lineBreak: false });
  doc
    .fontSize(6.5)
    .text(
      'Dokumen ini ditandatangani secara elektronik. Keasliannya dapat diperiksa dengan memindai kode QR ' + 'atau membuka alamat berikut:',
      MARGIN,
      top + 18,
      { width: 230 },
    );
  doc.font('bold').text(data.verificationUrl, MARGIN, top + 38, { width: 230 });

  const midX = MARGIN + 270;
  const midWidth = 200;
  doc.font('regular').fontSize(8.5).text('KEPALA KELUARGA', midX, top, { width: midWidth, align: 'center' });
  doc.font('bold').text(data.footer.kepalaKeluarga, midX, top + 98, { width: midWidth, align: 'center' });

  const rightX = MARGIN + 520;
  const rightWidth = CONTENT_WIDTH - 520;
  const jabatan =
    data.footer.kepalaDinas.jabatan ?? `KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN ${data.header.kabupatenKota}`;
  doc.font('regular').fontSize(8).text(jabatan, rightX, top, { width: rightWidth, align: 'center' });

  // The signature block: what a wet signature and stamp used to occupy.
  const block = { x: rightX + 30, y: top + 24, width: rightWidth - 60, height: 78 };
  doc.save().lineWidth(0.5).dash(2, { space: 2 }).rect(block.x, block.y, block.width, block.height).stroke().undash().restore();
  const qrSize = 70;
  drawQr(doc, data.verificationUrl, block.x + 4, block.y + 4, qrSize);
  doc
    .font('regular')
    .fontSize(7)
    .text('Tanda Tangan Elektronik', block.x + qrSize + 10, block.y + 22, {
      width: block.width - qrSize - 14,
    });
  doc.fontSize(6.5).text('Pindai kode QR untuk memeriksa keaslian dokumen', block.x + qrSize + 10, block.y + 36, {
    width: block.width - qrSize - 14,
  });

  doc
    .font('bold')
    .fontSize(8.5)
    .text(data.footer.kepalaDinas.nama, rightX, top + 106, { width: rightWidth, align: 'center', underline: true });
  doc.font('regular').text(`NIP. ${data.footer.kepalaDinas.nip}`, rightX, top + 118, { width: rightWidth, align: 'center' });

  return { page: 1, x: block.x, y: PAGE.height - block.y - block.height, width: block.width, height: block.height };
}

/** Renders one KK card as an unsigned, single-page A4 landscape PDF with embedded fonts. */
export async function renderKkPdf(data: KkCardData): Promise<RenderedKk> {
  if (data.members.length === 0) throw new Error('a KK needs at least one member');
  if (data.members.length > MAX_KK_MEMBERS) throw new Error(`a KK page holds at most ${MAX_KK_MEMBERS} members`);
  const fonts = kkFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    // No default font: pdfkit would load and parse Helvetica's metrics for every document.
    font: '',
    lang: 'id-ID',
    // No personal data in the metadata: the title is generic.
    info: {
      Title: 'Kartu Keluarga',
      Creator: 'adminduk-platform',
      Producer: 'adminduk-platform',
      CreationDate: new Date(`${data.footer.dikeluarkanTanggal}T00:00:00+07:00`),
    },
  });
  const done = collectPdf(doc);
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const tablesTop = drawHeader(doc, data);
  const gap = 10;
  const room = FOOTER_TOP - 8 - tablesTop - 2 * 22 - gap;
  const rowHeight = Math.min(14, room / (2 * data.members.length));
  const fontSize = Math.min(7, rowHeight - 3);
  const table1Bottom = drawTable(doc, tablesTop, TABLE_1, data.members, rowHeight, fontSize);
  drawTable(doc, table1Bottom + gap, TABLE_2, data.members, rowHeight, fontSize);
  const signatureRect = drawFooter(doc, data);
  doc.end();
  return { pdf: await done, signatureRect };
}
