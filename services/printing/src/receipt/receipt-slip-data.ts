import { formatWibDateTime, formatWibLongDate, type WorkingCalendar } from '@adminduk/calendar';
import { kkKelahiranCatalog, type ApplicationState } from '@adminduk/domain';
import { feeText, type ReceiptSlipData } from '@adminduk/kk-document';
import { maskIdNumber, WHO_MAY_COLLECT, type ServiceOffice } from '@adminduk/notifications';
import { slaDue } from '@adminduk/read-models';

/**
 * The SLA counts whole WIB working days: it is due at the midnight that ends the last one. A slip
 * names that last day ("Kamis, 9 Januari 2025"), not "Jumat pukul 00.00".
 */
export const dueDay = (dueAt: Date): string => formatWibLongDate(new Date(dueAt.getTime() - 1));

/** The public status page of a receipt: what the slip's QR code opens. */
export const trackingUrl = (publicBaseUrl: string, receiptNumber: string): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}/lacak?nomor=${encodeURIComponent(receiptNumber)}`;

/**
 * The tanda terima of a counter file, from the application's own stream (the domain's fold) and the
 * holiday calendar in force, written out for people: the due date in WIB as of the receipt (marked
 * provisional when it counts days of an unpublished year), the NIK masked (the slip leaves the
 * office in the applicant's hands), the catalog's service name and fee.
 */
export function receiptSlipData(
  state: ApplicationState,
  deps: { calendar: WorkingCalendar; office: ServiceOffice; publicBaseUrl: string },
): ReceiptSlipData {
  const receiptNumber = state.receiptNumber as string;
  const entry = kkKelahiranCatalog.entryOf(state);
  const receivedAt = state.fileCompletedAt ?? (state.submittedAt as string);
  // As of verification (when the receipt was issued): later events do not change what the slip said.
  const due = slaDue(state, new Date(state.verifiedAt ?? receivedAt), deps.calendar);
  return {
    receiptNumber,
    office: { name: deps.office.name, address: deps.office.address },
    receivedAt: formatWibDateTime(new Date(receivedAt)),
    applicant: { name: state.applicant?.namaLengkap ?? '-', nikMasked: maskIdNumber(state.applicant?.nik ?? '') },
    service: entry.serviceName,
    requirements: state.requirements.filter((r) => r.applicable && r.presented).map((r) => r.label),
    due: due.slaDueAt ? { text: dueDay(due.slaDueAt), provisional: due.slaDueProvisional } : null,
    fee: feeText(entry.feeRupiah),
    collection: entry.collection.by.includes('anggota-keluarga-satu-kk') ? WHO_MAY_COLLECT : 'pemohon',
    complaints: deps.office.complaints,
    trackingUrl: trackingUrl(deps.publicBaseUrl, receiptNumber),
  };
}
