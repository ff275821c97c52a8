import { PDFDocument } from 'pdf-lib';
import { startDocumentsTestbed, type DocumentsTestbed } from './testing/documents-testbed';
import { jpegBytes, pdfBytes, pdfWithoutPages, pngBytes, seedApplication } from './testing/fixtures';

/**
 * Issue 9, item 5: an upload is judged by its whole content, not its first bytes. Whatever fails the
 * check answers 422 naming the problem in Indonesian, and nothing is stored: no object in the bucket
 * (real S3 server), no DocumentAttached in the stream, the intent row discarded.
 */
describe('uploads: a PDF must parse and an image must decode', () => {
  let bed: DocumentsTestbed;
  beforeAll(async () => {
    bed = await startDocumentsTestbed();
  });
  afterAll(() => bed?.close());

  const pdf = pdfBytes(40_000, 9);
  const jpeg = jpegBytes(160, 120);
  const png = pngBytes(160, 120);
  const cases: Array<[string, Buffer, string]> = [
    ['`%PDF-` alone', Buffer.from('%PDF-'), 'DOCUMENT_DAMAGED'],
    ['a PDF header followed by HTML', Buffer.from('%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n'), 'DOCUMENT_DAMAGED'],
    ['a PDF truncated to 300 bytes', pdf.subarray(0, 300), 'DOCUMENT_DAMAGED'],
    ['a PDF truncated to 4 KB', pdf.subarray(0, 4096), 'DOCUMENT_DAMAGED'],
    ['a PDF truncated to half', pdf.subarray(0, pdf.length >> 1), 'DOCUMENT_DAMAGED'],
    ['a PDF missing its last 20 bytes', pdf.subarray(0, pdf.length - 20), 'DOCUMENT_DAMAGED'],
    ['a PDF without pages', pdfWithoutPages(), 'DOCUMENT_NO_PAGES'],
    ['a bare JPEG start marker', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]), 'DOCUMENT_DAMAGED'],
    ['a JPEG cut in half', jpeg.subarray(0, jpeg.length >> 1), 'DOCUMENT_DAMAGED'],
    ['a PNG signature alone', png.subarray(0, 8), 'DOCUMENT_DAMAGED'],
    ['a truncated PNG', png.subarray(0, png.length - 30), 'DOCUMENT_DAMAGED'],
  ];

  it.each(cases)('refuses %s: 422, nothing stored, nothing appended', async (_name, bytes, code) => {
    const app = await seedApplication(bed.docs.store);
    const r = await bed.post(bed.uploadPath(app, 'kartu-keluarga'), bed.tokens.applicant, bytes);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ statusCode: 422, code, message: expect.stringMatching(/^(Berkas|Gambar) (PDF|JPEG|PNG) /) });
    expect(r.body.errors).toEqual([{ field: 'file', message: r.body.message }]);
    await bed.expectNothingLeft(app);
    expect((await bed.docs.repo.listForApplication(app)).map((row) => row.status)).toEqual(['discarded']);
  });

  it('accepts valid files of each type, including a PDF with a cross-reference stream', async () => {
    const app = await seedApplication(bed.docs.store);
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Surat keterangan kelahiran');
    const xrefStreamPdf = Buffer.from(await doc.save({ useObjectStreams: true }));
    const files = [
      [pdf, 'application/pdf'],
      [xrefStreamPdf, 'application/pdf'],
      [jpeg, 'image/jpeg'],
      [png, 'image/png'],
    ] as const;
    for (const [bytes, mediaType] of files) {
      const r = await bed.post(bed.uploadPath(app, 'kartu-keluarga'), bed.tokens.applicant, bytes);
      expect({ status: r.status, mediaType: r.body.mediaType, sizeBytes: r.body.sizeBytes }).toEqual({
        status: 201,
        mediaType,
        sizeBytes: bytes.length,
      });
    }
    expect(await bed.attachedOf(app)).toHaveLength(files.length);
    expect(await bed.objectsOf(app)).toHaveLength(files.length);
  });
});
