import { assertNoIssues, conflict, invalid, notFound } from '../shared/domain-error';
import type { Decider } from '../shared/decider';
import { unsafeTextProblem } from '../shared/safe-text';
import type { FieldIssue } from '../identifiers/identifier-result';
import { IKM_ELEMENT_IDS, surveyPeriodsOf, type IkmScores } from './ikm';

/**
 * The IKM survey of one application, in two streams (decision 0020):
 *
 * - `survey-invitation-<applicationId>`: the invitation, issued once when the KK is handed over or
 *   first self-printed. It names the application (the mail has to reach its applicant).
 * - `survey-response-<guard>`: the answer, at most one. `guard` is a keyed hash of the application id
 *   that only the survey's host can compute (SURVEY_RESPONSE_KEY), so the stream is the
 *   one-per-application guard while neither its id nor its event names the application or the
 *   applicant: kecamatan, service, month, nine scores and an optional suggestion, nothing else.
 *
 * Both streams have the category "survey" (bus subject evt.<kecamatan>.survey.<type>).
 */
export const surveyInvitationStreamId = (applicationId: string): string => `survey-invitation-${applicationId}`;
export const surveyResponseStreamId = (guard: string): string => {
  if (!/^[0-9a-f]{32,64}$/.test(guard)) throw new RangeError('survey response guard must be a hex digest');
  return `survey-response-${guard}`;
};

/** What ends an application with a KK in the applicant's hands, and so invites the survey. */
export type SurveyTrigger = 'collected' | 'self-printed';

export type SurveyInvitationIssued = {
  type: 'SurveyInvitationIssued';
  schemaVersion: 1;
  data: {
    applicationId: string;
    /** Travels in the signed link (its linkId): the answer must name this invitation. */
    invitationId: string;
    kecamatan: string;
    serviceType: string;
    trigger: SurveyTrigger;
    expiresAt: string;
    at: string;
  };
};

export type SurveyAnswered = {
  type: 'SurveyAnswered';
  schemaVersion: 1;
  data: {
    kecamatan: string;
    serviceType: string;
    /** The WIB month answered in ("2026-03"): the finest period the results are reported by. */
    period: string;
    scores: IkmScores;
    /** The respondent's suggestion (saran), if any: free text, checked for safe characters and NIK-like numbers. */
    saran?: string;
    at: string;
  };
};

export type SurveyEvent = SurveyInvitationIssued | SurveyAnswered;

export type InviteToSurvey = {
  type: 'InviteToSurvey';
  data: { applicationId: string; invitationId: string; kecamatan: string; serviceType: string; trigger: SurveyTrigger; expiresAt: Date };
};

export type AnswerSurvey = {
  type: 'AnswerSurvey';
  /** invitationId: from the verified link; scores and saran: as the respondent sent them (unchecked). */
  data: { invitationId: string; scores: unknown; saran?: unknown };
};

export interface SurveyInvitationState {
  invitation?: SurveyInvitationIssued['data'];
}

export interface SurveyResponseState {
  answered: boolean;
}

export interface SurveyContext {
  now: Date;
}

export interface AnswerSurveyContext extends SurveyContext {
  /** The application's invitation (its own stream), read by the adapter; undefined when none was issued. */
  invitation?: SurveyInvitationIssued['data'];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const SURVEY_SARAN_MAX = 1000;
/** A 16-digit run is a NIK or a No. KK: a suggestion must not carry one into the anonymous stream. */
const NIK_OR_KK = /\d{16}/;

function decideInvitation(command: InviteToSurvey, state: SurveyInvitationState, context: SurveyContext): SurveyEvent[] {
  // Invited once per application: a later self-print download (or a redelivered event) invites nobody.
  if (state.invitation) return [];
  const d = command.data;
  if (!UUID.test(d.applicationId) || !UUID.test(d.invitationId))
    throw invalid('SURVEY_INVITATION_INVALID', 'ID undangan survei tidak valid');
  if (d.expiresAt.getTime() <= context.now.getTime())
    throw invalid('SURVEY_INVITATION_INVALID', 'Masa berlaku undangan survei sudah lewat');
  return [
    {
      type: 'SurveyInvitationIssued',
      schemaVersion: 1,
      data: {
        applicationId: d.applicationId,
        invitationId: d.invitationId,
        kecamatan: d.kecamatan,
        serviceType: d.serviceType,
        trigger: d.trigger,
        expiresAt: d.expiresAt.toISOString(),
        at: context.now.toISOString(),
      },
    },
  ];
}

function decideAnswer(command: AnswerSurvey, state: SurveyResponseState, context: AnswerSurveyContext): SurveyEvent[] {
  const invitation = context.invitation;
  if (!invitation || invitation.invitationId !== command.data.invitationId)
    throw notFound('SURVEY_INVITATION_UNKNOWN', 'Undangan survei tidak ditemukan');
  if (state.answered)
    throw conflict('SURVEY_ALREADY_ANSWERED', 'Survei untuk permohonan ini sudah diisi. Terima kasih atas penilaian Anda.');
  if (new Date(invitation.expiresAt).getTime() <= context.now.getTime())
    throw conflict('SURVEY_LINK_EXPIRED', 'Masa berlaku tautan survei sudah habis');
  const scores = scoresOf(command.data.scores);
  const saran = saranOf(command.data.saran);
  assertNoIssues([...scores.issues, ...saran.issues]);
  return [
    {
      type: 'SurveyAnswered',
      schemaVersion: 1,
      data: {
        kecamatan: invitation.kecamatan,
        serviceType: invitation.serviceType,
        period: surveyPeriodsOf(context.now).month,
        scores: scores.value,
        ...(saran.value ? { saran: saran.value } : {}),
        at: context.now.toISOString(),
      },
    },
  ];
}

/** Every element answered with 1-4; only the nine elements are kept, whatever else was sent. */
function scoresOf(raw: unknown): { value: IkmScores; issues: FieldIssue[] } {
  const source = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const issues: FieldIssue[] = [];
  const value = {} as Record<string, number>;
  for (const id of IKM_ELEMENT_IDS) {
    const v = source[id];
    if (v === 1 || v === 2 || v === 3 || v === 4) value[id] = v;
    else
      issues.push({
        field: `scores.${id}`,
        code: v === undefined ? 'REQUIRED' : 'OUT_OF_RANGE',
        message: 'Pilih salah satu jawaban (1-4)',
      });
  }
  return { value: value as IkmScores, issues };
}

function saranOf(raw: unknown): { value?: string; issues: FieldIssue[] } {
  if (raw === undefined || raw === null) return { issues: [] };
  if (typeof raw !== 'string') return { issues: [{ field: 'saran', code: 'INVALID', message: 'Saran harus berupa teks' }] };
  const text = raw.trim();
  if (!text) return { issues: [] };
  const problem = unsafeTextProblem(text, { multiline: true });
  if (problem) return { issues: [{ field: 'saran', code: 'UNSAFE_TEXT', message: problem }] };
  if (text.length > SURVEY_SARAN_MAX)
    return { issues: [{ field: 'saran', code: 'TOO_LONG', message: `Saran paling banyak ${SURVEY_SARAN_MAX} karakter` }] };
  if (NIK_OR_KK.test(text))
    return { issues: [{ field: 'saran', code: 'PERSONAL_NUMBER', message: 'Survei ini anonim: jangan menuliskan NIK atau nomor KK' }] };
  return { value: text, issues: [] };
}

export const surveyInvitationDecider: Decider<InviteToSurvey, SurveyInvitationState, SurveyEvent, SurveyContext> = {
  initialState: () => ({}),
  evolve: (state, event) => (event.type === 'SurveyInvitationIssued' && !state.invitation ? { invitation: event.data } : state),
  decide: decideInvitation,
};

export const surveyResponseDecider: Decider<AnswerSurvey, SurveyResponseState, SurveyEvent, AnswerSurveyContext> = {
  initialState: () => ({ answered: false }),
  evolve: (state, event) => (event.type === 'SurveyAnswered' ? { answered: true } : state),
  decide: decideAnswer,
};
