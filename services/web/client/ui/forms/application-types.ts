/** GET /api/applications/{id} (services/gateway/src/openapi/response-schemas.ts applicationDetailSchema). */
export interface ApplicationDetail {
  applicationId: string;
  kecamatan: string;
  desa: string | null;
  channel: string;
  bucket: string;
  status: { code: string; label: string; detail?: string; reason?: string; correctionDueAt?: string };
  receiptNumber: string | null;
  submittedAt: string;
  slaDueAt: string | null;
  slaDueAtProvisional: boolean;
  slaBreached: boolean;
  correctionDueAt: string | null;
  requirements: RequirementView[];
}

export interface RequirementView {
  id: string;
  kind: 'document' | 'data';
  label: string;
  condition?: string;
  applicable: boolean;
  presented: boolean;
  documents: { documentId: string; mediaType: string; sizeBytes: number; at: string }[];
  decision: 'pending' | 'accepted' | 'rejected';
  reason?: string;
}

/** GET /api/applications: one row of the caller's list. */
export interface ApplicationRow {
  applicationId: string;
  desa: string | null;
  channel: string;
  statusLabel: string;
  receiptNumber: string | null;
  submittedAt: string;
  correctionDueAt: string | null;
}

/** The document requirements still without a scan (or whose scan was refused): what the applicant must upload. */
export function scansToUpload(a: ApplicationDetail): RequirementView[] {
  return a.requirements.filter((r) => r.applicable && r.kind === 'document' && (!r.presented || r.decision === 'rejected'));
}
