import type { Event, StaffRef } from './event';

/** Events that close an application before delivery: withdrawn by the applicant, rejected by staff. */

export type ApplicationWithdrawn = Event<'ApplicationWithdrawn', { reason?: string; withdrawnBy: StaffRef; at: string }>;
export type ApplicationRejected = Event<'ApplicationRejected', { reason: string; rejectedBy: StaffRef; at: string }>;
