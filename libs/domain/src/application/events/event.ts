import type { Role } from '../actor';

/** The shape every application event shares: a type, its data's schema version and the data. */
export type Event<Type extends string, Data, Version extends number = 1> = { type: Type; schemaVersion: Version; data: Data };

export interface StaffRef {
  userId: string;
  role: Role;
}
