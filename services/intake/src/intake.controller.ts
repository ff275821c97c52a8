import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import {
  COMMAND_SUBJECTS,
  executeRequest,
  inCommandSpan,
  INTAKE_COMMANDS,
  replyTo,
  SERVICE_LOGGER,
  WriteSide,
  type ApplicationCommandRequest,
  type CommandMeta,
  type CommandResult,
} from '@adminduk/application-commands';
import type { SubmitApplication } from '@adminduk/domain';
import type { CommandReply } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';

export interface SubmitRequest {
  meta: CommandMeta;
  data: Omit<SubmitApplication['data'], 'applicationId'>;
}

/** Intake's commands over NATS request/reply (queue group "intake"): submission, correction, withdrawal. */
@Controller()
export class IntakeController {
  constructor(
    private readonly writeSide: WriteSide,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(COMMAND_SUBJECTS.submit)
  submit(@Payload() req: SubmitRequest, @Ctx() ctx: NatsContext): Promise<CommandReply<CommandResult>> {
    return inCommandSpan(ctx, () => replyTo(this.logger, async () => (await this.writeSide.applicationCommands()).submit(req.data, req.meta)));
  }

  @MessagePattern(COMMAND_SUBJECTS.intake)
  command(@Payload() req: ApplicationCommandRequest, @Ctx() ctx: NatsContext): Promise<CommandReply<CommandResult>> {
    return inCommandSpan(ctx, () => replyTo(this.logger, async () => executeRequest(await this.writeSide.applicationCommands(), req, INTAKE_COMMANDS)));
  }
}
