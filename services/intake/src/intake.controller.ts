import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import {
  COMMAND_SUBJECTS,
  CommandAuthenticator,
  executeRequest,
  inCommandSpan,
  INTAKE_COMMANDS,
  replyTo,
  SERVICE_LOGGER,
  WriteSide,
  type ApplicationCommandRequest,
  type CommandResult,
  type WireCommandMeta,
} from '@adminduk/application-commands';
import type { SubmitApplication } from '@adminduk/domain';
import type { CommandReply } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';

export interface SubmitRequest {
  meta: WireCommandMeta;
  data: Omit<SubmitApplication['data'], 'applicationId'>;
}

/** Intake's commands over NATS request/reply (queue group "intake"): submission, correction, withdrawal. */
@Controller()
export class IntakeController {
  constructor(
    private readonly writeSide: WriteSide,
    private readonly authenticator: CommandAuthenticator,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(COMMAND_SUBJECTS.submit)
  submit(@Payload() req: SubmitRequest, @Ctx() ctx: NatsContext): Promise<CommandReply<CommandResult>> {
    return inCommandSpan(ctx, () =>
      replyTo(this.logger, async () => {
        const meta = await this.authenticator.meta(req, ctx);
        return (await this.writeSide.applicationCommands()).submit(req.data, meta);
      }),
    );
  }

  @MessagePattern(COMMAND_SUBJECTS.intake)
  command(@Payload() req: ApplicationCommandRequest, @Ctx() ctx: NatsContext): Promise<CommandReply<CommandResult>> {
    return inCommandSpan(ctx, () =>
      replyTo(this.logger, async () => {
        const meta = await this.authenticator.meta(req, ctx);
        return executeRequest(await this.writeSide.applicationCommands(), req, meta, INTAKE_COMMANDS);
      }),
    );
  }
}
