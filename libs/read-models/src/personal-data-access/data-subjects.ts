import type { ApplicationEvent } from '@adminduk/domain';
import { viewedNikHash } from './viewed-nik-hash';

/**
 * The people an application's data is about, as hashes of their NIKs (viewedNikHash), by their
 * place on the application: what a staff read of it at that point showed. Corrections may replace the
 * parents' NIKs; the newborn's NIK joins when it is assigned.
 */
export interface DataSubjects {
  applicant?: string;
  members: string[];
  mother?: string;
  father?: string;
  newborn?: string;
}

export const NO_SUBJECTS: DataSubjects = { members: [] };

/** The application events that change who the data is about. */
export const SUBJECT_EVENTS: ReadonlySet<string> = new Set(['ApplicationSubmitted', 'CorrectionSubmitted', 'NewbornNikAssigned']);

const hashOf = (nik: unknown): string | undefined => (typeof nik === 'string' && nik !== '' ? viewedNikHash(nik) : undefined);

export function evolveSubjects(s: DataSubjects, e: ApplicationEvent): DataSubjects {
  switch (e.type) {
    case 'ApplicationSubmitted': {
      const d = e.data;
      return {
        applicant: hashOf(d.applicant?.nik),
        members: (d.family?.anggota ?? []).map((m) => hashOf(m.nik)).filter((h): h is string => !!h),
        mother: hashOf(d.newborn?.nikIbu),
        father: hashOf(d.newborn?.nikAyah),
        newborn: s.newborn,
      };
    }
    case 'CorrectionSubmitted': {
      // A correction changes the applicant's contact only; the newborn's parents may change.
      const { newborn } = e.data.changes;
      return {
        ...s,
        ...(newborn && 'nikIbu' in newborn ? { mother: hashOf(newborn.nikIbu) } : {}),
        ...(newborn && 'nikAyah' in newborn ? { father: hashOf(newborn.nikAyah) } : {}),
      };
    }
    case 'NewbornNikAssigned':
      return { ...s, newborn: hashOf(e.data.nik) };
    default:
      return s;
  }
}

/** Every distinct NIK hash, sorted (a stable row, so a rebuild compares equal). */
export function subjectHashes(s: DataSubjects): string[] {
  const all = [s.applicant, ...s.members, s.mother, s.father, s.newborn].filter((h): h is string => !!h);
  return [...new Set(all)].sort();
}
