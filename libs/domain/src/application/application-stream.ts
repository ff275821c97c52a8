import { fold } from '../shared/decider';
import { evolve, initialState, type ApplicationEvent, type ApplicationState } from './application.events';

const STREAM_PREFIX = 'application-';

/** The event stream of one application: every writer and reader names it with this. */
export const applicationStreamId = (applicationId: string): string => `${STREAM_PREFIX}${applicationId}`;

/** The application id of an application stream (the inverse of applicationStreamId). */
export const applicationIdOfStream = (streamId: string): string => streamId.slice(STREAM_PREFIX.length);

/** The state of an application from its events, with the domain's own fold. */
export const foldApplication = (events: readonly ApplicationEvent[]): ApplicationState => fold({ initialState, evolve }, events);
