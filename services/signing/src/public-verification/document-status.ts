import type { Pool } from 'pg';

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

interface Row {
  document_id: string;
  status: 'valid' | 'superseded' | 'revoked';
  kepala_keluarga_masked: string;
  sha256: string;
  certificate_serial: string | null;
  signer_name: string | null;
  signing_time: Date;
  issue_date: string;
  superseded_by_issue_date: string | null;
}

const COLUMNS = `document_id, status, kepala_keluarga_masked, sha256, certificate_serial, signer_name, signing_time,
  to_char(issue_date, 'YYYY-MM-DD') AS issue_date, to_char(superseded_by_issue_date, 'YYYY-MM-DD') AS superseded_by_issue_date`;

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

function toStatus(documentId: string, row: Row | undefined): PublicDocumentStatus {
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
    documentId: row.document_id,
    status: row.status,
    keterangan: keterangan(row.status, row.superseded_by_issue_date),
    jenisDokumen: 'Kartu Keluarga',
    dikeluarkanTanggal: row.issue_date,
    namaKepalaKeluarga: row.kepala_keluarga_masked,
    ditandatanganiOleh: row.signer_name,
    sertifikat: row.certificate_serial ? { serial: row.certificate_serial } : null,
    ditandatanganiPada: row.signing_time.toISOString(),
    digantiOleh: row.status === 'superseded' && row.superseded_by_issue_date ? { dikeluarkanTanggal: row.superseded_by_issue_date } : null,
    sha256: row.sha256,
  };
}

/** Reads the public verification read model (filled by services/projections, signed-documents). */
export class SignedDocumentLookup {
  constructor(private readonly pool: Pool) {}

  async byDocumentId(documentId: string): Promise<PublicDocumentStatus> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM signed_document_view WHERE document_id = $1 AND status <> 'pending'`,
      [documentId],
    );
    return toStatus(documentId, rows[0]);
  }

  /** The registered document with exactly these bytes, if any. */
  async bySha256(sha256: string): Promise<PublicDocumentStatus | null> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM signed_document_view WHERE sha256 = $1 AND status <> 'pending' LIMIT 1`,
      [sha256],
    );
    return rows[0] ? toStatus(rows[0].document_id, rows[0]) : null;
  }
}
