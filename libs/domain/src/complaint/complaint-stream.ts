import { fold } from '../shared/decider';
import { evolveComplaint, initialComplaintState, type ComplaintEvent, type ComplaintState } from './complaint.events';

const STREAM_PREFIX = 'complaint-';

/** The event stream of one complaint: every writer and reader names it with this. */
export const complaintStreamId = (complaintId: string): string => `${STREAM_PREFIX}${complaintId}`;

/** The complaint id of a complaint stream, or undefined for any other stream. */
export const complaintIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : undefined;

export const foldComplaint = (events: readonly ComplaintEvent[]): ComplaintState =>
  fold({ initialState: initialComplaintState, evolve: evolveComplaint }, events);
