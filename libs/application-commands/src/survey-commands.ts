import { createHmac, randomUUID } from 'node:crypto';
import {
  surveyInvitationDecider,
  surveyInvitationStreamId,
  surveyResponseDecider,
  surveyResponseStreamId,
  type AnswerSurvey,
  type AnswerSurveyContext,
  type InviteToSurvey,
  type SurveyContext,
  type SurveyEvent,
  type SurveyInvitationIssued,
  type SurveyInvitationState,
  type SurveyResponseState,
  type SurveyTrigger,
} from '@adminduk/domain';
import { deterministicUuid, handleCommand, toDomainEvent, type Actor, type EventStore } from '@adminduk/event-store';
import { currentTraceparent } from '@adminduk/observability';
import type { Clock } from './clock.port';

/** Who appends the survey's events: ids only. The respondent is nobody in particular (decision 0020). */
const INVITER: Actor = { userId: 'system:survey-invitation', role: 'system' };
const RESPONDENT: Actor = { userId: 'anonymous', role: 'survey-respondent' };

/**
 * The one-per-application guard of an answer: HMAC-SHA256 of the application id under the survey's
 * secret key, 128 bits in hex. Only the holder of the key can tell which application a response
 * stream belongs to; the event store alone cannot (decision 0020).
 */
export function surveyResponseGuard(key: Buffer, applicationId: string): string {
  return createHmac('sha256', key).update(`adminduk/survey-response/v1\0${applicationId}`).digest('hex').slice(0, 32);
}

export type SurveyLinkStatus =
  | { status: 'open'; invitation: SurveyInvitationIssued['data'] }
  | { status: 'answered' | 'expired'; invitation: SurveyInvitationIssued['data'] }
  | { status: 'unknown' };

/**
 * The write side of the IKM survey: the invitation and the anonymous answer, each through the generic
 * command handler with its decider. The invitation reactor and the survey routes call it; nothing
 * else appends to the survey streams.
 */
export class SurveyCommands {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    /** The guard key (SURVEY_RESPONSE_KEY): never leaves the survey's host. */
    private readonly responseKey: Buffer,
  ) {}

  /**
   * Invites the applicant once, caused by a hand-over or self-print event. The invitation id follows
   * from that event, so a redelivery is the same invitation (and the same link in the mail).
   */
  async invite(o: {
    applicationId: string;
    kecamatan: string;
    serviceType: string;
    trigger: SurveyTrigger;
    causationEventId: string;
    correlationId: string;
    validityDays: number;
  }): Promise<SurveyEvent[]> {
    const now = this.clock.now();
    const command: InviteToSurvey = {
      type: 'InviteToSurvey',
      data: {
        applicationId: o.applicationId,
        invitationId: deterministicUuid('survey-invitation', o.causationEventId),
        kecamatan: o.kecamatan,
        serviceType: o.serviceType,
        trigger: o.trigger,
        expiresAt: new Date(now.getTime() + o.validityDays * 86_400_000),
      },
    };
    const outcome = await handleCommand<InviteToSurvey, SurveyEvent, SurveyInvitationState, SurveyContext>(
      this.store,
      surveyInvitationStreamId(o.applicationId),
      surveyInvitationDecider,
      {
        command,
        idempotencyKey: o.causationEventId,
        keyNames: 'step',
        actor: INVITER,
        correlationId: o.correlationId,
        causationId: o.causationEventId,
        kecamatan: o.kecamatan,
        traceparent: currentTraceparent(),
        now,
      },
      () => ({ now }),
    );
    return outcome.events;
  }

  async invitationOf(applicationId: string): Promise<SurveyInvitationIssued['data'] | undefined> {
    const events = (await this.store.readStream(surveyInvitationStreamId(applicationId))).map((r) => toDomainEvent<SurveyEvent>(r));
    return events.reduce(surveyInvitationDecider.evolve, surveyInvitationDecider.initialState()).invitation;
  }

  /** Where the link of a verified token stands: open, already answered, expired, or no such invitation. */
  async linkStatus(grant: { applicationId: string; linkId: string }): Promise<SurveyLinkStatus> {
    const invitation = await this.invitationOf(grant.applicationId);
    if (!invitation || invitation.invitationId !== grant.linkId) return { status: 'unknown' };
    const response = await this.store.readStream(this.responseStreamOf(grant.applicationId));
    if (response.some((r) => r.type === 'SurveyAnswered')) return { status: 'answered', invitation };
    if (new Date(invitation.expiresAt).getTime() <= this.clock.now().getTime()) return { status: 'expired', invitation };
    return { status: 'open', invitation };
  }

  /** Records the answer of a verified token's invitation; the decider refuses a second one and bad input. */
  async answer(grant: { applicationId: string; linkId: string }, input: { scores: unknown; saran?: unknown }, correlationId: string) {
    const invitation = await this.invitationOf(grant.applicationId);
    const now = this.clock.now();
    const command: AnswerSurvey = { type: 'AnswerSurvey', data: { invitationId: grant.linkId, scores: input.scores, saran: input.saran } };
    const outcome = await handleCommand<AnswerSurvey, SurveyEvent, SurveyResponseState, AnswerSurveyContext>(
      this.store,
      this.responseStreamOf(grant.applicationId),
      surveyResponseDecider,
      {
        command,
        // A fresh key per request: a second answer must reach the decider (and be refused), not replay the first.
        idempotencyKey: randomUUID(),
        actor: RESPONDENT,
        correlationId,
        kecamatan: invitation?.kecamatan,
        now,
      },
      () => ({ now, invitation }),
    );
    return outcome.events;
  }

  private responseStreamOf(applicationId: string): string {
    return surveyResponseStreamId(surveyResponseGuard(this.responseKey, applicationId));
  }
}
