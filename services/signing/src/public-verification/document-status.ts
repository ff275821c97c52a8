import type { Pool } from 'pg';
import { signedDocumentById, signedDocumentBySha256, type PublishedSignedDocument } from '@adminduk/read-models';

export type PublicStatus = 'valid' | 'superseded' | 'revoked' | 'unknown';

/** What anyone holding the QR code may learn about a KK: no NIK, no No. KK, no address, a masked name. */
export interface PublicDocumentStatus {
  documentId: string;
  status: PublicStatus;
  keterangan: string;
  jenisDokumen: 'Kartu Keluarga';
  dikeluarkanTanggal: string | null;
  namaKepalaKeluarga: string | null;
  ditandatanganiOleh: string | null;
  sertifikat: { serial: string } | null;
  ditandatanganiPada: string | null;
  /** Superseded only: the newer KK's issue date (not its id). */
  digantiOleh: { dikeluarkanTanggal: string } | null;
  sha256: string | null;
}

const tanggal = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  const bulan = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][
    m - 1
  ];
  return `${d} ${bulan} ${y}`;
};

function keterangan(status: PublicStatus, supersededOn: string | null): string {
  switch (status) {
    case 'valid':
      return 'Dokumen sah: Kartu Keluarga ini diterbitkan dan ditandatangani secara elektronik oleh Dinas Kependudukan dan Pencatatan Sipil, dan merupakan Kartu Keluarga terbaru keluarga tersebut.';
    case 'superseded':
      return `Kartu Keluarga ini sudah diganti dengan Kartu Keluarga yang lebih baru${supersededOn ? ` (diterbitkan ${tanggal(supersededOn)})` : ''}; yang berlaku adalah yang terbaru.`;
    case 'revoked':
      return 'Kartu Keluarga ini telah dicabut oleh Dinas Kependudukan dan Pencatatan Sipil dan tidak berlaku.';
    default:
      return 'Dokumen tidak terdaftar sebagai Kartu Keluarga yang diterbitkan oleh layanan ini.';
  }
}

function toStatus(documentId: string, row: PublishedSignedDocument | null): PublicDocumentStatus {
  if (!row) {
    return {
      documentId,
      status: 'unknown',
      keterangan: keterangan('unknown', null),
      jenisDokumen: 'Kartu Keluarga',
      dikeluarkanTanggal: null,
      namaKepalaKeluarga: null,
      ditandatanganiOleh: null,
      sertifikat: null,
      ditandatanganiPada: null,
      digantiOleh: null,
      sha256: null,
    };
  }
  return {
    documentId: row.documentId,
    status: row.status,
    keterangan: keterangan(row.status, row.supersededByIssueDate),
    jenisDokumen: 'Kartu Keluarga',
    dikeluarkanTanggal: row.issueDate,
    namaKepalaKeluarga: row.kepalaKeluargaMasked,
    ditandatanganiOleh: row.signerName,
    sertifikat: row.certificateSerial ? { serial: row.certificateSerial } : null,
    ditandatanganiPada: row.signingTime.toISOString(),
    digantiOleh: row.status === 'superseded' && row.supersededByIssueDate ? { dikeluarkanTanggal: row.supersededByIssueDate } : null,
    sha256: row.sha256,
  };
}

/** Reads the public verification read model (libs/read-models signed-documents, through its query module). */
export class SignedDocumentLookup {
  constructor(private readonly pool: Pool) {}

  async byDocumentId(documentId: string): Promise<PublicDocumentStatus> {
    return toStatus(documentId, await signedDocumentById(this.pool, documentId));
  }

  /** The registered document with exactly these bytes, if any. */
  async bySha256(sha256: string): Promise<PublicDocumentStatus | null> {
    const row = await signedDocumentBySha256(this.pool, sha256);
    return row ? toStatus(row.documentId, row) : null;
  }
}
