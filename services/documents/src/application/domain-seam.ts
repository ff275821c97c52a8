/** The parts of the KK application domain this service uses, in one place. */
export {
  applicationStreamId,
  decide,
  evolve,
  initialState,
  isPartyTo,
  type ApplicationCommand,
  type AttachDocument,
  type ApplicationEvent,
  type ApplicationState,
  type CommandActor,
} from '@adminduk/domain';
