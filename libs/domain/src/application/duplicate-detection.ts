import { nameSimilarity } from './string-similarity';

/** What the caller knows about each open application of the same service (from a read model). */
export interface OpenApplicationSummary {
  applicationId: string;
  motherNik: string;
  birthDate: string; // YYYY-MM-DD
  newbornName: string;
  submittedAt: string; // ISO
}

export interface DuplicateCandidate {
  applicationId?: string;
  motherNik: string;
  birthDate: string;
  newbornName: string;
}

export interface DuplicateMatch {
  applicationId: string;
  similarity: number;
}

/**
 * Jaro-Winkler >= 0.9 on normalized names: "Muhammad Rizki" / "MUHAMAD RIZKY" match, siblings'
 * different names ("Aisyah" / "Ahmad") do not. Twins share mother and birth date but have different
 * names, which is why the name must be similar too.
 */
export const DUPLICATE_NAME_THRESHOLD = 0.9;

/**
 * A second open application for the same newborn: same mother NIK, same birth date and a similar name.
 * Returns the FIRST such application (earliest submitted), so the operator is sent to the original.
 */
export function findDuplicate(
  candidate: DuplicateCandidate,
  open: readonly OpenApplicationSummary[],
  threshold = DUPLICATE_NAME_THRESHOLD,
): DuplicateMatch | undefined {
  let best: (DuplicateMatch & { submittedAt: string }) | undefined;
  for (const o of open) {
    if (o.applicationId === candidate.applicationId) continue;
    if (o.motherNik !== candidate.motherNik || o.birthDate !== candidate.birthDate) continue;
    const similarity = nameSimilarity(o.newbornName, candidate.newbornName);
    if (similarity < threshold) continue;
    if (!best || o.submittedAt < best.submittedAt) best = { applicationId: o.applicationId, similarity, submittedAt: o.submittedAt };
  }
  return best && { applicationId: best.applicationId, similarity: Math.round(best.similarity * 1000) / 1000 };
}
