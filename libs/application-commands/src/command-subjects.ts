import type { ApplicationCommandType } from '@adminduk/domain';

/**
 * NATS subjects of the application commands. An optional prefix (COMMAND_SUBJECT_PREFIX, read once
 * when this module loads, because Nest binds handler patterns at decoration time) lets test suites
 * running in parallel on one NATS server keep their commands apart. Production leaves it empty.
 */
const prefix = process.env.COMMAND_SUBJECT_PREFIX ? `${process.env.COMMAND_SUBJECT_PREFIX}.` : '';

export const COMMAND_SUBJECTS = {
  submit: `${prefix}intake.application.submit`,
  intake: `${prefix}intake.application.command`,
  verification: `${prefix}verification.application.command`,
  /** The holiday calendar's admin commands (holiday-calendar-commands.ts). */
  holidays: `${prefix}intake.holidays.command`,
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
  // Hand-over at the counter: the operator prints the signed KK and hands it to the applicant or a family member.
  'RecordPrint',
  'RecordCollection',
];

export function subjectFor(type: ApplicationCommandType): string {
  if (INTAKE_COMMANDS.includes(type)) return COMMAND_SUBJECTS.intake;
  if (VERIFICATION_COMMANDS.includes(type)) return COMMAND_SUBJECTS.verification;
  throw new Error(`No service takes ${type} over NATS`);
}
