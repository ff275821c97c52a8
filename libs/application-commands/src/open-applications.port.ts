import type { OpenApplicationSummary } from '@adminduk/domain';

/** Open applications for the same mother, from the read side, for duplicate detection. */
export interface OpenApplicationsQuery {
  byMotherNik(motherNik: string): Promise<OpenApplicationSummary[]>;
}
