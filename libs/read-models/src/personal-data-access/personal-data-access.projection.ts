import type { EntityManager } from 'typeorm';
import { applicationIdOfStream, upcastApplicationEvent, type ApplicationEvent, type PersonalDataViewed } from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import { upsertRowsOfTables } from '../bulk-upsert';
import type { Projection } from '../checkpoint/apply-in-transaction';
import { evolveSubjects, NO_SUBJECTS, SUBJECT_EVENTS, subjectHashes, type DataSubjects } from './data-subjects';
import { PersonalDataAccess, PersonalDataSubjects } from './personal-data-access.entity';

/**
 * The personal-data access log (decision 0023): every PersonalDataViewed as a row, stamped with the
 * NIK hashes of the people on the application at that point of the global order. The application
 * events that change those people are folded into personal_data_subjects (hashes only). A batch
 * reads the subjects it needs once and writes once.
 */
export class PersonalDataAccessProjection implements Projection {
  readonly name = 'personal-data-access';
  /** Bump when what a row holds changes: the projection then rebuilds itself at start. */
  readonly version: number = 1;
  /** Every table it writes (rebuildAndCompare copies, compares and swaps them). */
  readonly tables = ['personal_data_access', 'personal_data_subjects'];

  apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([event], em);
  }

  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    const mine = events.filter(isMine);
    if (mine.length === 0) return;
    const ids = [...new Set(mine.map(applicationIdOf))];
    const rows: Array<{ application_id: string; subjects: DataSubjects }> = await em.query(
      `SELECT application_id, subjects FROM personal_data_subjects WHERE application_id = ANY($1::uuid[])`,
      [ids],
    );
    const subjects = new Map(rows.map((r) => [r.application_id, r.subjects]));
    const changed = new Set<string>();
    const views: PersonalDataAccess[] = [];
    for (const recorded of mine) {
      const applicationId = applicationIdOf(recorded);
      if (recorded.type === 'PersonalDataViewed') {
        const d = recorded.data as PersonalDataViewed['data'];
        views.push({
          eventId: recorded.metadata.eventId,
          applicationId,
          viewedAt: d.at,
          viewerUserId: d.viewer.userId,
          viewerRole: d.viewer.role,
          viewerKecamatan: d.viewer.kecamatan ?? null,
          viewerDesa: d.viewer.desa ?? null,
          viewKind: d.view.kind,
          documentId: 'documentId' in d.view ? d.view.documentId : null,
          subjectNikHashes: subjectHashes(subjects.get(applicationId) ?? NO_SUBJECTS),
        });
      } else {
        const event = upcastApplicationEvent(toDomainEvent<ApplicationEvent>(recorded));
        subjects.set(applicationId, evolveSubjects(subjects.get(applicationId) ?? NO_SUBJECTS, event));
        changed.add(applicationId);
      }
    }
    await upsertRowsOfTables(em, [
      {
        entity: PersonalDataSubjects,
        rows: [...changed].map((applicationId) => ({ applicationId, subjects: subjects.get(applicationId)! })),
      },
      { entity: PersonalDataAccess, rows: views },
    ]);
  }

  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE personal_data_access, personal_data_subjects');
  }
}

function isMine(e: RecordedEvent): boolean {
  const category = streamCategory(e.streamId);
  return (category === 'access' && e.type === 'PersonalDataViewed') || (category === 'application' && SUBJECT_EVENTS.has(e.type));
}

/** Both streams are named after the application: `application-<id>`, `access-<id>`. */
const applicationIdOf = (e: RecordedEvent): string =>
  streamCategory(e.streamId) === 'access' ? e.streamId.slice('access-'.length) : applicationIdOfStream(e.streamId);
