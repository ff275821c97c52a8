export * from './complaint-catalog';
export * from './complaint.events';
export * from './complaint.commands';
export * from './complaint-stream';
export { camatMayActOn, type InstructFollowUpCommand } from './complaint.camat';
