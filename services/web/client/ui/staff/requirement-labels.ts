import { useApi } from '../use-api';

/** Requirement id -> its label ("kartu-keluarga" -> "Hasil Scan Kartu Keluarga Asli"). */
export type RequirementLabels = ReadonlyMap<string, string>;

/**
 * The requirement labels of one application, from GET /api/applications/{id}: the catalog's labels as
 * the application snapshotted them when submitted. Not today's GET /api/public/layanan/{id}: its labels
 * differ per channel ("Kartu Keluarga" at the counter, "Hasil Scan Kartu Keluarga Asli" online) and may
 * change with a new catalog version, while the timeline must name what this applicant was asked for.
 * Until it answers (or if it fails) the ids are shown.
 */
export function useRequirementLabels(applicationId: string): RequirementLabels {
  const detail = useApi<{ requirements: { id: string; label: string }[] }>(`/api/applications/${applicationId}`);
  return new Map((detail.data?.requirements ?? []).map((r) => [r.id, r.label]));
}
