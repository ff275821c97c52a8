import { deterministicUuid } from '@adminduk/event-store';

/** A complaint recorded by a person or the public form: its id follows from who and the request's key (a retry finds it). */
export const complaintIdFor = (userId: string, idempotencyKey: string): string => deterministicUuid('complaint', userId, idempotencyKey);

/** A complaint imported from SP4N-LAPOR: its id follows from LAPOR's tracking number, so a re-import finds it. */
export const laporComplaintId = (trackingNumber: string): string => deterministicUuid('complaint', 'lapor', trackingNumber);
