import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The application-view projection's own snapshot: the state it folded so far, so the next event
 * does not re-read the stream. Private to the projection (nobody else reads this table) and tied
 * to its version (ApplicationViewProjection.version): when the fold changes, the version changes
 * and the projection rebuilds itself from the event store, so a snapshot written by older code is
 * never folded on by newer code.
 */
@Entity({ name: 'application_view_snapshots' })
export class ApplicationViewSnapshot {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  /** The stream revision of the last event folded in. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'jsonb' })
  state!: Record<string, unknown>;
}
