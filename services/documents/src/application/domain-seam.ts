/**
 * SEAM: `@adminduk/domain` has no index.ts yet, so the KK application decider is imported by path.
 * Replace these paths with `from '@adminduk/domain'` once the lib exports them; nothing else changes.
 */
export { decide, type ApplicationCommand, type AttachDocument } from '../../../../libs/domain/src/application/application.commands';
export {
  evolve,
  initialState,
  EVENT_SCHEMA_VERSIONS,
  type ApplicationEvent,
  type ApplicationState,
} from '../../../../libs/domain/src/application/application.events';
export { DomainError } from '../../../../libs/domain/src/shared/domain-error';
export type { CommandActor } from '../../../../libs/domain/src/application/actor';
