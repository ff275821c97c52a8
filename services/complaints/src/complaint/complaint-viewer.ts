import type { ComplaintStep } from '@adminduk/api-contracts';
import type { Principal } from '@adminduk/auth';
import type { ComplaintEvent } from '@adminduk/domain';
import { ApiError } from '@adminduk/http';
import type { ComplaintViewer } from '@adminduk/read-models';

/** The staff roles that read complaints; who sees what is the read model's scope (complaint-view.queries.ts). */
export const COMPLAINT_READERS = ['petugas-pengaduan', 'auditor', 'operator-kecamatan'] as const;

export function viewerOf(p: Principal): ComplaintViewer {
  if (p.role === 'petugas-pengaduan' || p.role === 'auditor') return { role: p.role };
  if (p.role === 'operator-kecamatan' && p.kecamatan) return { role: 'operator-kecamatan', kecamatan: p.kecamatan };
  throw ApiError.forbidden('Peran Anda tidak dapat melihat pengaduan');
}

/** The stream as steps (GET /api/complaints/{id} `steps`). ComplaintReceived gives only its time and channel: its identity and reference stay out. */
export function stepsOf(events: readonly ComplaintEvent[]): ComplaintStep[] {
  return events.map((e): ComplaintStep => {
    switch (e.type) {
      case 'ComplaintReceived':
        return { type: e.type, at: e.data.at, role: e.data.receivedBy.role };
      case 'ComplaintVerified': {
        const d = e.data;
        return {
          type: e.type,
          at: d.at,
          role: d.by.role,
          outcome: d.outcome,
          ...(d.outcome === 'valid' ? { tier: d.tier, dueAt: d.answerBy } : {}),
          ...(d.outcome === 'forwarded' ? { forwardedTo: d.forwardedTo } : {}),
          ...(d.note ? { note: d.note } : {}),
        };
      }
      case 'ComplaintInformationSupplied':
        return { type: e.type, at: e.data.at, role: e.data.by.role, note: e.data.note, dueAt: e.data.verifyBy };
      case 'ComplaintDisposed':
        return { type: e.type, at: e.data.at, role: e.data.by.role, unit: e.data.unit, ...(e.data.note ? { note: e.data.note } : {}) };
      case 'ComplaintAnswered':
        return { type: e.type, at: e.data.at, role: e.data.by.role, answer: e.data.answer };
      case 'ComplaintEscalated':
        return { type: e.type, at: e.data.at, stage: e.data.stage, dueAt: e.data.dueAt };
      case 'ComplaintFollowUpInstructed':
        return { type: e.type, at: e.data.at, role: e.data.by.role, instruction: e.data.instruction };
      case 'ComplaintClosed':
        return { type: e.type, at: e.data.at, role: e.data.by.role, satisfaction: e.data.satisfaction };
      case 'ComplaintReopened':
        return { type: e.type, at: e.data.at, role: e.data.by.role, reason: e.data.reason, dueAt: e.data.verifyBy };
      default:
        return { type: (e as { type: string }).type, at: '' };
    }
  });
}
