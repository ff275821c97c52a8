import type { ApplicationCommandType } from '@adminduk/domain';

/**
 * NATS subjects of the application commands. A service's config may put them under a namespace
 * (COMMAND_SUBJECT_PREFIX: libs/http NamespacedServerNats on the receiving side, the gateway's
 * CommandBus on the sending side), so test suites sharing one NATS server keep their commands apart.
 */
export const COMMAND_SUBJECTS = {
  submit: 'intake.application.submit',
  intake: 'intake.application.command',
  verification: 'verification.application.command',
  /** The holiday calendar's admin commands (holiday-calendar-commands.ts). */
  holidays: 'intake.holidays.command',
} as const;

/** Which service decides which command; anything else arriving at a service is refused. */
export const INTAKE_COMMANDS: readonly ApplicationCommandType[] = ['SubmitCorrection', 'WithdrawApplication'];
export const VERIFICATION_COMMANDS: readonly ApplicationCommandType[] = [
  'AcceptRequirement',
  'RejectRequirement',
  'VerifyData',
  'RejectData',
  'RequestCorrection',
  'ReturnFileAtCounter',
  'CompleteVerification',
  'RejectApplication',
  // Hand-over at the counter to the applicant or a family member (printing is the printing service's, in-process).
  'RecordCollection',
];

export function subjectFor(type: ApplicationCommandType): string {
  if (INTAKE_COMMANDS.includes(type)) return COMMAND_SUBJECTS.intake;
  if (VERIFICATION_COMMANDS.includes(type)) return COMMAND_SUBJECTS.verification;
  throw new Error(`No service takes ${type} over NATS`);
}
