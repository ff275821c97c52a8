import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@adminduk/event-store';

export const KECAMATAN = '35.15.12';
export const DESA = '35.15.12.2004';
/** The applicant's NIK on seeded applications: a citizen's token must carry it to act on them. */
export const APPLICANT_NIK = '3515121203880001';

/** Personal data is irrelevant to storage tests; the stream carries only what the decider folds. */
export interface SeedOptions {
  applicantUserId?: string;
  channel?: 'daring-mandiri' | 'daring-desa';
  submittedBy?: { userId: string; role: 'applicant' | 'village-officer' };
  signed?: boolean;
}

function ev(type: string, data: Record<string, unknown>): NewEvent {
  return {
    type,
    data,
    metadata: { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: randomUUID(), kecamatan: KECAMATAN },
  };
}

/** Appends a submitted KK application (and, optionally, its verification and signature). */
export async function seedApplication(store: EventStore, o: SeedOptions = {}): Promise<string> {
  const applicationId = randomUUID();
  const at = new Date().toISOString();
  const submittedBy = o.submittedBy ?? { userId: o.applicantUserId ?? 'pemohon-1', role: 'applicant' };
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
    events.push(ev('ApplicationVerified', { verifiedBy: { userId: 'op-1', role: 'operator' }, at }));
    events.push(ev('KkSigned', { documentId: randomUUID(), sha256: '0'.repeat(64), signedBy: { userId: 'ttd-1', role: 'signer' }, at }));
  }
  await store.appendToStream(`application-${applicationId}`, events, 'no_stream');
  return applicationId;
}

export const PDF_HEAD = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');

/** A PDF-looking body of `size` bytes (valid magic, random filler). */
export function pdfBytes(size: number, fill = 7): Buffer {
  const b = Buffer.alloc(size, fill);
  PDF_HEAD.copy(b, 0, 0, Math.min(PDF_HEAD.length, size));
  return b;
}
