import { randomBytes, randomUUID } from 'node:crypto';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { applicationStreamId } from '@adminduk/domain';
import type { EventStore, NewEvent } from '@adminduk/event-store';

export const KECAMATAN = '35.15.12';
export const DESA = '35.15.12.2004';
/** The applicant's NIK on seeded applications: a citizen's token must carry it to act on them. */
export const APPLICANT_NIK = '3515121203880001';

/** Personal data is irrelevant to storage tests; the stream carries only what the decider folds. */
export interface SeedOptions {
  applicantUserId?: string;
  channel?: 'daring-mandiri' | 'daring-desa';
  submittedBy?: { userId: string; role: 'pemohon' | 'petugas-desa' };
  signed?: boolean;
}

function ev(type: string, data: Record<string, unknown>): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      correlationId: randomUUID(),
      kecamatan: KECAMATAN,
    },
  };
}

/** Appends a submitted KK application (and, optionally, its verification and signature). */
export async function seedApplication(store: EventStore, o: SeedOptions = {}): Promise<string> {
  const applicationId = randomUUID();
  const at = new Date().toISOString();
  const submittedBy = o.submittedBy ?? { userId: o.applicantUserId ?? 'pemohon-1', role: 'pemohon' };
  const events = [
    ev('ApplicationSubmitted', {
      applicationId,
      serviceType: 'kk-tambah-anggota-kelahiran',
      catalogVersionId: 'kk-tambah-anggota-kelahiran@2025-01-02',
      channel: o.channel ?? 'daring-mandiri',
      kecamatan: KECAMATAN,
      desa: DESA,
      submittedBy,
      applicant: { nik: APPLICANT_NIK },
      family: {},
      newborn: {},
      memilikiIjazah: false,
      requirements: [
        { id: 'kartu-keluarga', kind: 'document', label: 'Kartu Keluarga', applicable: true },
        { id: 'surat-kelahiran', kind: 'document', label: 'Surat kelahiran', applicable: true },
        { id: 'nomor-telepon-email', kind: 'data', label: 'Nomor telepon dan email', applicable: true },
      ],
      slaWorkingDays: 3,
      warnings: [],
      at,
    }),
  ];
  if (o.signed) {
    events.push(ev('ApplicationVerified', { verifiedBy: { userId: 'op-1', role: 'operator-kecamatan' }, at }));
    events.push(
      ev('KkSigned', { documentId: randomUUID(), sha256: '0'.repeat(64), signedBy: { userId: 'ttd-1', role: 'penandatangan' }, at }),
    );
  }
  await store.appendToStream(applicationStreamId(applicationId), events, 'no_stream');
  return applicationId;
}

export const PDF_HEAD = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');

/**
 * A valid one-page PDF of exactly `size` bytes (at least 400): catalog, page tree, one A4 page whose
 * content stream is a comment line padded with the byte `fill` (so two calls with different fills
 * differ) or with random bytes (incompressible), a classic cross-reference table with the true
 * offsets, trailer, startxref, %%EOF.
 */
export function pdfBytes(size: number, fill: number | 'random' = 7): Buffer {
  if (fill === 0x0a || fill === 0x0d) throw new Error('fill must not be a line end (it sits in a comment)');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const build = (contentLength: number): Buffer => {
    const parts: Buffer[] = [PDF_HEAD];
    const offsets: number[] = [];
    let at = PDF_HEAD.length;
    const push = (b: Buffer) => (parts.push(b), (at += b.length));
    objects.forEach((o, i) => (offsets.push(at), push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'))));
    offsets.push(at);
    const content = fill === 'random' ? randomBytes(Math.max(1, contentLength)) : Buffer.alloc(Math.max(1, contentLength), fill);
    for (let i = 0; i < content.length; i++) if (content[i] === 0x0a || content[i] === 0x0d) content[i] = 0x20;
    content[0] = 0x25; // '%': the whole stream is one comment line
    push(Buffer.from(`4 0 obj\n<< /Length ${content.length} >>\nstream\n`, 'latin1'));
    push(content);
    push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    const xrefAt = at;
    const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
    push(
      Buffer.from(`xref\n0 5\n0000000000 65535 f \n${entries}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'),
    );
    return Buffer.concat(parts);
  };
  // The lengths written inside the file depend on the content length: settle them in a few rounds.
  let contentLength = 1;
  for (let round = 0; round < 4; round++) {
    const built = build(contentLength);
    if (built.length === size) return built;
    contentLength += size - built.length;
    if (contentLength < 1) throw new Error(`pdfBytes: ${size} bytes is too small for a valid PDF`);
  }
  throw new Error(`pdfBytes: could not reach exactly ${size} bytes`);
}

/** A structurally valid PDF whose page tree is empty (no page at all). */
export function pdfWithoutPages(): Buffer {
  const one = pdfBytes(1000).toString('latin1');
  return Buffer.from(one.replace('/Kids [3 0 R] /Count 1', '/Kids [     ] /Count 0'), 'latin1');
}

/** A real, fully decodable baseline JPEG (`width` x `height`, a gradient). */
export function jpegBytes(width = 64, height = 48, quality = 85): Buffer {
  return encodeJpeg({ width, height, data: gradient(width, height) }, quality).data;
}

/** A real, fully decodable PNG (`width` x `height`, a gradient). */
export function pngBytes(width = 64, height = 48): Buffer {
  const png = new PNG({ width, height });
  gradient(width, height).copy(png.data);
  return PNG.sync.write(png);
}

function gradient(width: number, height: number): Buffer {
  const rgba = Buffer.alloc(width * height * 4, 0xff);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rgba[(y * width + x) * 4] = (x * 255) / width;
      rgba[(y * width + x) * 4 + 1] = (y * 255) / height;
    }
  }
  return rgba;
}
