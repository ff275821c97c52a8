/**
 * NATS subjects of the application commands. An optional prefix (COMMAND_SUBJECT_PREFIX, read once
 * when this module loads, because Nest binds handler patterns at decoration time) lets test suites
 * running in parallel on one NATS server keep their commands apart. Production leaves it empty.
 */
const prefix = process.env.COMMAND_SUBJECT_PREFIX ? `${process.env.COMMAND_SUBJECT_PREFIX}.` : '';

export const COMMAND_SUBJECTS = {
  submit: `${prefix}intake.application.submit`,
  submitCorrection: `${prefix}intake.application.submit-correction`,
  withdraw: `${prefix}intake.application.withdraw`,
} as const;
