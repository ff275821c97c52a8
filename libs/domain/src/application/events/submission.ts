import type { Channel } from '../../catalog/catalog.types';
import type { FieldIssue } from '../../identifiers/identifier-result';
import type { ApplicantData, FamilyData, NewbornData } from '../application-data';
import type { Event, StaffRef } from './event';

/** Events of the submission step: the file is handed in, checked for duplicates and completed. */

export interface RequirementSnapshot {
  id: string;
  kind: 'document' | 'data';
  label: string;
  condition?: string;
  /** False for a conditional requirement the applicant did not declare (e.g. no ijazah yet). */
  applicable: boolean;
}

export type ApplicationSubmitted = Event<
  'ApplicationSubmitted',
  {
    applicationId: string;
    serviceType: string;
    catalogVersionId: string;
    channel: Channel;
    kecamatan: string;
    desa: string;
    submittedBy: StaffRef;
    applicant: ApplicantData;
    family: FamilyData;
    newborn: NewbornData;
    memilikiIjazah: boolean;
    requirements: RequirementSnapshot[];
    /** Counter only: requirements the applicant handed in. */
    presentedRequirementIds?: string[];
    slaWorkingDays: number;
    /** Non-blocking findings (e.g. a region code missing from today's list). */
    warnings: FieldIssue[];
    at: string;
  }
>;
export type PossibleDuplicateFlagged = Event<
  'PossibleDuplicateFlagged',
  { duplicateOfApplicationId: string; similarity: number; at: string }
>;
export type DocumentAttached = Event<
  'DocumentAttached',
  {
    documentId: string;
    requirementId: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    attachedBy: StaffRef;
    at: string;
  }
>;
export type FileCompleted = Event<'FileCompleted', { at: string }>;
