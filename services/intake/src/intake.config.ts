import { loadConfig, z } from '@adminduk/config';
import { commandReceiverEnv, serviceEnv } from '@adminduk/http';

export const intakeEnv = serviceEnv.merge(commandReceiverEnv).extend({
  /** Read models (duplicate detection); defaults to DATABASE_URL. */
  READ_MODEL_DATABASE_URL: z.string().optional(),
});
export type IntakeConfig = z.infer<typeof intakeEnv>;

export const loadIntakeConfig = (env: NodeJS.ProcessEnv = process.env): IntakeConfig => loadConfig(intakeEnv, { PORT: '3102', ...env });
