import PDFKit from 'pdfkit';
import { PDFDocument } from 'pdf-lib';
import { jpegBytes, pdfBytes, pdfWithoutPages, pngBytes } from '../testing/fixtures';
import { findContentProblem, type ContentProblem } from './content-rules';
import type { DocumentMediaType } from './media-type';

const LIMITS = { maxImageMegapixels: 0.008 }; // 8000 pixels: the small fixtures pass, 120 x 90 does not
const check = (bytes: Buffer, type: DocumentMediaType) => findContentProblem(bytes, type, LIMITS);

async function pdfLibDocument(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage().drawText(`Halaman ${i + 1}`);
  // Object streams: the cross-reference is a stream, not a table.
  return Buffer.from(await doc.save({ useObjectStreams: true, addDefaultPage: false }));
}

function pdfKitDocument(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFKit({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Surat keterangan kelahiran');
    doc.end();
  });
}

describe('content rules: a scan must be what its first bytes claim', () => {
  describe('accepted', () => {
    it.each([
      ['the fixture PDF (classic xref table)', () => pdfBytes(5000)],
      ['a pdf-lib PDF (cross-reference stream)', () => pdfLibDocument(2)],
      ['a PDFKit PDF', () => pdfKitDocument()],
    ])('%s', async (_name, make) => {
      expect(await check(await make(), 'application/pdf')).toBeNull();
    });

    it('a JPEG and a PNG that decode completely', async () => {
      expect(await check(jpegBytes(), 'image/jpeg')).toBeNull();
      expect(await check(pngBytes(), 'image/png')).toBeNull();
    });
  });

  describe('refused, naming the problem', () => {
    const valid = pdfBytes(20_000, 42);
    const refusedPdfs: Array<[string, () => Buffer | Promise<Buffer>, ContentProblem[]]> = [
      ['`%PDF-` alone', () => Buffer.from('%PDF-'), ['pdf-no-header']],
      [
        'a header followed by HTML',
        () => Buffer.from('%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n'),
        ['pdf-no-trailer'],
      ],
      ['a header, HTML and a forged tail', () => Buffer.from('%PDF-1.7\n<html></html>\nstartxref\n9\n%%EOF\n'), ['pdf-no-xref']],
      ['a PDF without pages', () => pdfWithoutPages(), ['pdf-no-pages']],
      ['a pdf-lib PDF without pages', () => pdfLibDocument(0), ['pdf-no-pages']],
      [
        'an xref table pointing nowhere',
        () => Buffer.from(valid.toString('latin1').replace(/\n(\d{10}) 00000 n/, '\n0000000001 00000 n'), 'latin1'),
        ['pdf-no-xref'],
      ],
      [
        'a trailer without a catalog',
        () => Buffer.from(valid.toString('latin1').replace('/Root 1 0 R', '/Root 9 0 R'), 'latin1'),
        ['pdf-unparsable', 'pdf-no-pages'],
      ],
    ];
    it.each(refusedPdfs)('%s', async (_name, make, problems) => {
      expect(problems).toContain(await check(await make(), 'application/pdf'));
    });

    it.each([300, 1024, 10_000, 19_900, 19_990])('a PDF truncated to %i bytes', async (length) => {
      expect(await check(valid.subarray(0, length), 'application/pdf')).not.toBeNull();
    });

    it('a pdf-lib PDF truncated anywhere', async () => {
      const whole = await pdfLibDocument(1);
      for (const length of [8, Math.floor(whole.length / 3), Math.floor(whole.length / 2), whole.length - 8]) {
        expect({ length, problem: await check(whole.subarray(0, length), 'application/pdf') }).not.toEqual({ length, problem: null });
      }
    });

    it('a bare JPEG start marker, and JPEGs cut short', async () => {
      const whole = jpegBytes(100, 75);
      for (const bytes of [
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]),
        whole.subarray(0, 200),
        whole.subarray(0, whole.length >> 1),
        whole.subarray(0, whole.length - 2),
      ]) {
        expect(await check(bytes, 'image/jpeg')).toBe('jpeg-undecodable');
      }
    });

    it('a PNG signature alone, and PNGs cut short or damaged', async () => {
      const whole = pngBytes(100, 75);
      const flipped = Buffer.from(whole);
      flipped[whole.length >> 1] ^= 0xff; // inside IDAT: the CRC no longer matches
      for (const bytes of [
        whole.subarray(0, 8),
        whole.subarray(0, 40),
        whole.subarray(0, whole.length >> 1),
        whole.subarray(0, whole.length - 12),
        flipped,
      ]) {
        expect(await check(bytes, 'image/png')).toBe('png-undecodable');
      }
    });

    it('images over the pixel limit, before decoding them', async () => {
      expect(await check(jpegBytes(120, 90), 'image/jpeg')).toBe('image-too-large');
      expect(await check(pngBytes(120, 90), 'image/png')).toBe('image-too-large');
    });
  });
});
