/**
 * The personal data an auditor's history shows for the events that carry it (GET .../history with
 * `personalData: 'shown'`), in one readable line; the data's own field names are never shown.
 */
/** The few fields the summary reads, each possibly absent (the history's data is not validated here). */
interface SummaryFields {
  applicant?: { namaLengkap?: string; nik?: string };
  newborn?: { namaLengkap?: string };
  family?: { anggota?: unknown };
  changes?: { applicant?: unknown; newborn?: unknown };
  nik?: string;
  collectorNik?: string;
  collectorIs?: string;
}

export function personalDataSummary(type: string, data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as SummaryFields;
  switch (type) {
    case 'ApplicationSubmitted': {
      const members = Array.isArray(d.family?.anggota) ? d.family.anggota.length : 0;
      return `Pemohon: ${d.applicant?.namaLengkap ?? '-'} (NIK ${d.applicant?.nik ?? '-'}); bayi: ${d.newborn?.namaLengkap ?? '-'}; ${members} anggota keluarga`;
    }
    case 'CorrectionSubmitted': {
      const parts = [d.changes?.applicant && 'data pemohon', d.changes?.newborn && 'data bayi'].filter(Boolean);
      return parts.length ? `Diperbaiki: ${parts.join(' dan ')}` : null;
    }
    case 'NewbornNikAssigned':
      return `NIK bayi: ${d.nik ?? '-'}`;
    case 'KkCollected':
      return `Diambil oleh NIK ${d.collectorNik ?? '-'} (${d.collectorIs === 'applicant' ? 'pemohon' : 'anggota keluarga'})`;
    default:
      return null;
  }
}
