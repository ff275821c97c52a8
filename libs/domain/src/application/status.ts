import { formatWibTime } from '@adminduk/calendar';
import type { ApplicationState, ApplicationStatus } from './application.events';

/** Indonesian status labels, as shown to applicants and operators. */
const LABELS: Record<ApplicationStatus, string> = {
  none: 'Belum diajukan',
  submitted: 'Menunggu verifikasi',
  'correction-requested': 'Menunggu perbaikan dari pemohon',
  'awaiting-signature': 'Terverifikasi, menunggu TTE',
  signed: 'KK sudah ditandatangani (TTE)',
  collected: 'KK sudah diambil',
  'self-printed': 'KK sudah dicetak mandiri',
  returned: 'Berkas dikembalikan',
  withdrawn: 'Permohonan dibatalkan oleh pemohon',
  rejected: 'Permohonan ditolak',
};

export function statusLabel(status: ApplicationStatus): string {
  return LABELS[status];
}

export interface StatusView {
  code: ApplicationStatus;
  label: string;
  /** A finer label for the step within the status. */
  detail?: string;
  reason?: string;
  correctionDueAt?: string;
}

/** The status projection of one application. */
export function describeStatus(state: ApplicationState): StatusView {
  const view: StatusView = { code: state.status, label: statusLabel(state.status) };
  switch (state.status) {
    case 'submitted':
      if (!state.fileCompletedAt) view.detail = 'Menunggu kelengkapan unggahan persyaratan';
      else if (state.correctionRounds > 0) view.detail = 'Perbaikan diterima, menunggu verifikasi ulang';
      break;
    case 'correction-requested':
      view.correctionDueAt = state.correction?.dueAt;
      view.detail = state.correction
        ? `Perbaiki persyaratan yang tidak sesuai paling lambat pukul ${formatWibTime(new Date(state.correction.dueAt))} keesokan harinya`
        : 'Perbaiki persyaratan yang tidak sesuai';
      break;
    case 'awaiting-signature':
      view.detail = state.newbornNik ? 'NIK bayi sudah terbit, menunggu tanda tangan elektronik' : 'Menunggu penerbitan NIK bayi';
      break;
    case 'signed':
      if (state.printedAt) view.detail = 'KK sudah dicetak, siap diambil di kecamatan';
      else if (state.selfPrintLinks.length > 0) view.detail = 'Tautan cetak mandiri sudah dikirim ke email';
      break;
    case 'returned':
    case 'withdrawn':
    case 'rejected':
      view.reason = state.closure?.reason;
      break;
  }
  // Revocation keeps the status (the card may have been handed over) but overrides the step detail.
  if (state.revokedAt) view.detail = 'KK sudah dicabut oleh pejabat penandatangan dan tidak berlaku';
  return view;
}
