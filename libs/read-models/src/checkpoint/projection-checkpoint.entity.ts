import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far a projection has applied the global event order; written with its rows, in one transaction. */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  projection!: string;

  /** Global position "commit/prepare" of the last applied event. */
  @Column({ type: 'varchar', length: 60 })
  position!: string;

  /** The projection's version its rows were built with (Projection.version); a change rebuilds them. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
