import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DataSubjects } from './data-subjects';

/**
 * One staff read of an application's personal data (a PersonalDataViewed on its access stream),
 * with the NIK hashes of the people that data was about at that moment: who viewed whose data, what
 * and when, queryable by viewer, application, period and person (UU 27/2022: the data subject's
 * right to know). No NIK, name or other personal data of the subjects is held; the viewer is staff.
 */
@Entity({ name: 'personal_data_access' })
export class PersonalDataAccess {
  /** The PersonalDataViewed event's id. */
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'viewed_at', type: 'timestamptz' })
  viewedAt!: string;

  @Column({ name: 'viewer_user_id', type: 'varchar', length: 100 })
  viewerUserId!: string;

  @Column({ name: 'viewer_role', type: 'varchar', length: 40 })
  viewerRole!: string;

  @Column({ name: 'viewer_kecamatan', type: 'varchar', length: 20, nullable: true })
  viewerKecamatan!: string | null;

  @Column({ name: 'viewer_desa', type: 'varchar', length: 20, nullable: true })
  viewerDesa!: string | null;

  /** PersonalDataView's kind: data, scan, kk-preview, signed-kk, receipt, history. */
  @Column({ name: 'view_kind', type: 'varchar', length: 20 })
  viewKind!: string;

  /** The scan's or the signed KK's id, for those kinds. */
  @Column({ name: 'document_id', type: 'varchar', length: 100, nullable: true })
  documentId!: string | null;

  /** viewedNikHash of every person on the application when it was read (sorted). */
  @Column({ name: 'subject_nik_hashes', type: 'text', array: true })
  subjectNikHashes!: string[];
}

/** The projection's own fold: each application's data subjects, as NIK hashes (DataSubjects). */
@Entity({ name: 'personal_data_subjects' })
export class PersonalDataSubjects {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'jsonb' })
  subjects!: DataSubjects;
}
