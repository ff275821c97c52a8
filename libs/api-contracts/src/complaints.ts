/**
 * The staff's complaint routes' answers (services/complaints: GET /api/complaints, GET
 * /api/complaints/{id}, GET /api/complaints/camat), as the complaint view's queries return them
 * (libs/read-models complaint-view). `Time` is a Date in the services and its ISO-8601 string in JSON,
 * what the web app reads (the default).
 */

/** A complaint as every staff list shows it: no identity, no channel reference. */
export interface ComplaintSummary<Time = string> {
  complaintId: string;
  kind: string;
  category: string;
  channel: string;
  laporTrackingNumber: string | null;
  summary: string;
  kecamatan: string | null;
  status: string;
  receivedAt: Time;
  verifyBy: Time | null;
  answerBy: Time | null;
  nextDueAt: Time | null;
  nextDueStage: string | null;
  escalations: number;
}

export interface ComplaintDetail<Time = string> extends ComplaintSummary<Time> {
  description: string;
  applicationId: string | null;
  receiptNumber: string | null;
  tier: string | null;
  unit: string | null;
  forwardedTo: string | null;
  answer: string | null;
  satisfaction: string | null;
  closedAt: Time | null;
  /** Petugas pengaduan and auditors only. */
  channelReference?: string | null;
  /** Petugas pengaduan and auditors only; null: anonymous. */
  complainant?: { name: string | null; email: string | null; phone: string | null } | null;
}

/** One step of the handling as the detail page lists it: what happened, when, by which role; never the identity. */
export interface ComplaintStep {
  type: string;
  at: string;
  role?: string;
  outcome?: string;
  tier?: string;
  unit?: string;
  forwardedTo?: string;
  note?: string;
  answer?: string;
  stage?: string;
  dueAt?: string;
  satisfaction?: string;
  reason?: string;
  instruction?: string;
}

/**
 * A complaint a missed deadline escalated to the camat of its kecamatan (GET /api/complaints/camat):
 * as for operators, no identity, no channel reference, never a pungli report.
 */
export interface EscalatedComplaint<Time = string> {
  complaintId: string;
  kind: string;
  category: string;
  channel: string;
  summary: string;
  kecamatan: string;
  status: string;
  receivedAt: Time;
  /** The due time running now (null: none runs, e.g. waiting for the complainant). */
  nextDueAt: Time | null;
  nextDueStage: string | null;
  /** The due time whose miss escalated it last. */
  escalatedDueAt: Time | null;
  escalations: number;
  camatInstruction: string | null;
  camatInstructedAt: Time | null;
}

/** A page of a staff list, with the service's clock: GET /api/complaints (ComplaintSummary, nearest deadline first), GET /api/complaints/camat. */
export interface ComplaintPage<Item> {
  items: Item[];
  total: number;
  now: string;
}

/** GET /api/complaints/{id}: the complaint as the caller may see it, with its handling so far. */
export interface ComplaintDetailAnswer<Time = string> extends ComplaintDetail<Time> {
  /** Petugas pengaduan only: what the complainant needs to follow it on /pengaduan/lacak. */
  trackingNumber?: string;
  trackingCode?: string;
  steps: ComplaintStep[];
  now: string;
}
