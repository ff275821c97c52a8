import type { ApplicationCommandType } from '@adminduk/domain';
import { ApiError } from '@adminduk/http';
import type { ApplicationCommands, CommandMeta, CommandResult, CommandWithoutActor } from './application-commands';

/**
 * What a command message carries besides its data. The caller is NOT in it: it travels as a signed
 * assertion in the message headers (command-assertion.ts), and the handler takes it from there.
 */
export type WireCommandMeta = Omit<CommandMeta, 'principal'>;

/** What the gateway sends a service for a command on an existing application. */
export interface ApplicationCommandRequest {
  meta: WireCommandMeta;
  applicationId: string;
  command: { type: ApplicationCommandType; data: Record<string, unknown> };
}

/** Executes a request if this service owns the command type; anything else is refused, not guessed. */
export function executeRequest(
  commands: ApplicationCommands,
  req: ApplicationCommandRequest,
  meta: CommandMeta,
  owned: readonly ApplicationCommandType[],
): Promise<CommandResult> {
  if (!owned.includes(req.command?.type)) {
    throw ApiError.badRequest(
      'Perintah tidak dikenal oleh layanan ini',
      [{ field: 'command.type', message: 'Perintah tidak dikenal' }],
      'UNKNOWN_COMMAND',
    );
  }
  return commands.execute(req.applicationId, { type: req.command.type, data: req.command.data ?? {} } as CommandWithoutActor, meta);
}
