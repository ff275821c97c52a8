import { conflict, invalid } from '../../shared/domain-error';
import type { DecideContext, IssueSelfPrintLink, RecordSelfPrint } from '../application.commands';
import { event, type ApplicationEvent, type ApplicationState } from '../application.events';
import { rulesOf } from './catalog-rules';
import { requireNotRevoked } from './revocation';
import { iso, requireOperatorOf, requireRole } from '../guards';

/**
 * Self-print: "Pemohon dapat mengambil KK di Kecamatan atau cetak mandiri melalui link cetak yang
 * dikirim email." A link opens the signed KK it was issued for, until it expires; only the newest
 * link works (a newer link, a newer KK or a revocation ends the older ones), and every download is
 * its own event. The link's token (libs/self-print-token) carries the linkId; the route asks here.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Links are issued and used while the KK is signed; downloading again after the first is allowed. */
function requireSelfPrintable(state: ApplicationState): NonNullable<ApplicationState['signedDocument']> {
  if (state.status === 'collected')
    throw conflict('LINK_CLOSED', 'KK sudah diambil di kecamatan; tautan cetak mandiri tidak berlaku lagi.');
  if ((state.status !== 'signed' && state.status !== 'self-printed') || !state.signedDocument)
    throw conflict('LINK_NOT_SIGNED', 'Tautan cetak mandiri hanya untuk KK yang sudah ditandatangani.');
  requireNotRevoked(state);
  return state.signedDocument;
}

function requireUuid(value: unknown, field: string, label: string): string {
  if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
  const message = `${label} tidak valid.`;
  throw invalid('VALIDATION_FAILED', message, [{ field, code: 'UUID', message }]);
}

/** By the system when the KK is signed, or by an operator of the kecamatan (a new link on request). */
export function decideSelfPrintLink(cmd: IssueSelfPrintLink, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state, ['system']);
  const signed = requireSelfPrintable(state);
  if (!rulesOf(state, ctx).collection.orSelfPrint)
    throw conflict('LINK_NOT_OFFERED', 'Layanan ini tidak menyediakan cetak mandiri; KK diambil di kecamatan.');
  const linkId = requireUuid(cmd.data.linkId, 'linkId', 'Nomor tautan');
  const expires = Date.parse(cmd.data.expiresAt);
  if (!Number.isFinite(expires) || expires <= ctx.now.getTime()) {
    throw invalid('VALIDATION_FAILED', 'Masa berlaku tautan tidak valid.', [
      { field: 'expiresAt', code: 'LINK_EXPIRY', message: 'Masa berlaku tautan harus di masa depan.' },
    ]);
  }
  if (state.selfPrintLinks.some((l) => l.linkId === linkId)) throw conflict('LINK_DUPLICATE', 'Tautan ini sudah diterbitkan.');
  return [
    event('SelfPrintLinkIssued', { linkId, documentId: signed.documentId, expiresAt: new Date(expires).toISOString(), at: iso(ctx.now) }),
  ];
}

/** One download through a link (the system, when the route serves the PDF); `downloadId` is fresh per download. */
export function decideSelfPrint(cmd: RecordSelfPrint, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireRole(cmd.actor, ['system'], 'Cetak mandiri dicatat oleh sistem saat tautan dipakai.');
  const signed = requireSelfPrintable(state);
  const downloadId = requireUuid(cmd.data.downloadId, 'downloadId', 'Nomor unduhan');
  const link = state.selfPrintLinks.find((l) => l.linkId === cmd.data.linkId);
  if (!link) throw conflict('LINK_UNKNOWN', 'Tautan cetak mandiri tidak dikenal untuk permohonan ini.');
  const newest = state.selfPrintLinks[state.selfPrintLinks.length - 1];
  // Links issued before documentId was recorded open whatever is signed now.
  const served = cmd.data.served;
  if (
    link !== newest ||
    (link.documentId !== undefined && link.documentId !== signed.documentId) ||
    (served !== undefined && (served.documentId !== signed.documentId || served.sha256 !== signed.sha256))
  )
    throw conflict('LINK_SUPERSEDED', 'Tautan ini sudah diganti dengan tautan yang lebih baru.');
  if (Date.parse(link.expiresAt) <= ctx.now.getTime()) throw conflict('LINK_EXPIRED', 'Tautan cetak mandiri sudah kedaluwarsa.');
  return [event('KkSelfPrinted', { linkId: link.linkId, downloadId, documentId: signed.documentId, at: iso(ctx.now) })];
}
