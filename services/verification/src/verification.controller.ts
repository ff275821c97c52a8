import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import {
  COMMAND_SUBJECTS,
  CommandAuthenticator,
  executeRequest,
  inCommandSpan,
  replyTo,
  SERVICE_LOGGER,
  VERIFICATION_COMMANDS,
  WriteSide,
  type ApplicationCommandRequest,
  type CommandResult,
} from '@adminduk/application-commands';
import type { CommandReply } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';

/** The kecamatan operator's commands: per-requirement and data verification, corrections, return, hand-over. */
@Controller()
export class VerificationController {
  constructor(
    private readonly writeSide: WriteSide,
    private readonly authenticator: CommandAuthenticator,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(COMMAND_SUBJECTS.verification)
  command(@Payload() req: ApplicationCommandRequest, @Ctx() ctx: NatsContext): Promise<CommandReply<CommandResult>> {
    return inCommandSpan(ctx, () =>
      replyTo(this.logger, async () => {
        const meta = await this.authenticator.meta(req, ctx);
        return executeRequest(await this.writeSide.applicationCommands(), req, meta, VERIFICATION_COMMANDS);
      }),
    );
  }
}
