import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { domainTesting, IKM_ELEMENTS, surveyInvitationStreamId, type SurveyInvitationIssued } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { ApiClient, startInProcessPlatform, type InProcessPlatform } from '@adminduk/gateway/testing';
import { createLogger } from '@adminduk/observability';
import { readModelsTesting } from '@adminduk/read-models';
import { DEV_SELF_PRINT_SEED, selfPrintSigningKey, signLinkToken, signSelfPrintToken } from '@adminduk/self-print-token';
import { connect } from 'nats';
import { eventually, testNatsOptions } from '@adminduk/testing';
import { createComplaintsApp, loadComplaintsConfig } from '../testing';
import { SURVEY_INVITATION_DURABLES } from './survey-invitation-reactor';

// The survey's HTTP routes and its invitation reactor in the complaints service, against the
// in-process platform (real NATS, PostgreSQL): who is invited when, what the links refuse, what the
// answer refuses, and who sees which results.

const key = selfPrintSigningKey(DEV_SELF_PRINT_SEED);
const allFour = () => Object.fromEntries(IKM_ELEMENTS.map((e) => [e.id, 4]));
const PUBLIC_PER_MIN = 40;

/** A signed KK of its own (each signed document id is unique in the platform's views). */
function signedKk(channel: 'tatap-muka' | 'daring-mandiri') {
  const s = new domainTesting.KkScenario(channel).readyToVerify().verify().assignNik();
  s.run({
    type: 'RecordSignature',
    actor: domainTesting.actors.signer,
    data: domainTesting.signatureData(`kk-${randomUUID()}`, domainTesting.sha(1), s.now),
  });
  return s;
}

describe('IKM survey routes (complaints service)', () => {
  let platform: InProcessPlatform;
  let complaints: INestApplication;
  let url: string;
  let store: PostgresEventStore;
  const logLines: string[] = [];

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    complaints = await createComplaintsApp(
      loadComplaintsConfig({ ...platform.envFor('complaints'), RATE_LIMIT_PUBLIC_PER_MIN: String(PUBLIC_PER_MIN) }),
      createLogger({ service: 'complaints', level: 'info', destination: { write: (line: string) => void logLines.push(line) } }),
    );
    await complaints.listen(0, '127.0.0.1');
    url = await complaints.getUrl();
    store = await PostgresEventStore.create({ connectionString: platform.schema.url, max: 2 });
  });
  afterAll(async () => {
    await store?.close();
    await complaints?.close();
    await platform?.close();
  });

  const invitationOf = async (applicationId: string) => {
    let found: SurveyInvitationIssued['data'][] = [];
    await eventually(async () => {
      found = (await store.readStream(surveyInvitationStreamId(applicationId))).map((r) => r.data as SurveyInvitationIssued['data']);
      expect(found.length).toBeGreaterThan(0);
    }, 20_000);
    return found;
  };
  const tokenOf = (i: SurveyInvitationIssued['data']) =>
    signLinkToken('ikm-survey', { applicationId: i.applicationId, linkId: i.invitationId, expiresAt: new Date(i.expiresAt) }, key);
  const survey = (token: string, body?: unknown) =>
    fetch(
      `${url}/api/public/survei/${token}`,
      body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    ).then(async (res) => ({
      status: res.status,
      body: (await res.json()) as { code?: string; errors?: { field: string }[]; kecamatan?: string },
    }));

  it('invites once when a KK is self-printed, however often it is downloaded; not before the KK reaches the applicant', async () => {
    const applicationId = randomUUID();
    const s = signedKk('daring-mandiri');
    const expiresAt = new Date(s.now.getTime() + 7 * 86_400_000).toISOString();
    const linkId = randomUUID();
    s.run({ type: 'IssueSelfPrintLink', actor: domainTesting.actors.system, data: { linkId, expiresAt } });
    s.run({ type: 'RecordSelfPrint', actor: domainTesting.actors.system, data: { linkId, downloadId: randomUUID() } });
    s.run({ type: 'RecordSelfPrint', actor: domainTesting.actors.system, data: { linkId, downloadId: randomUUID() } });
    // A signed-only application of the same run: never invited.
    const signedOnly = randomUUID();
    await readModelsTesting.appendHistory(store, signedOnly, signedKk('daring-mandiri').events);
    await readModelsTesting.appendHistory(store, applicationId, s.events);

    const [invitation] = await invitationOf(applicationId);
    expect(invitation).toMatchObject({
      applicationId,
      kecamatan: '35.15.12',
      serviceType: 'kk-tambah-anggota-kelahiran',
      trigger: 'self-printed',
    });
    // The reactor takes a trigger's events in order: once a later application's download is invited, both downloads have been seen.
    const marker = randomUUID();
    const m = signedKk('daring-mandiri');
    const markerLink = randomUUID();
    m.run({ type: 'IssueSelfPrintLink', actor: domainTesting.actors.system, data: { linkId: markerLink, expiresAt } });
    m.run({ type: 'RecordSelfPrint', actor: domainTesting.actors.system, data: { linkId: markerLink, downloadId: randomUUID() } });
    await readModelsTesting.appendHistory(store, marker, m.events);
    await invitationOf(marker);
    expect(await store.readStream(surveyInvitationStreamId(applicationId))).toHaveLength(1);
    expect(await store.readStream(surveyInvitationStreamId(signedOnly))).toEqual([]);
    // Only the triggers reach the reactor (its consumers filter by event type): the three downloads,
    // none of the other application events. (A consumer of every event took about fifteen per KK.)
    const nc = await connect(testNatsOptions());
    try {
      const jsm = await nc.jetstreamManager();
      const stream = platform.envFor('complaints').EVENTS_STREAM;
      const delivered = async (durable: string) => (await jsm.consumers.info(stream, durable)).delivered.consumer_seq;
      expect(await delivered(SURVEY_INVITATION_DURABLES.KkSelfPrinted)).toBe(3);
      expect(await delivered(SURVEY_INVITATION_DURABLES.KkCollected)).toBe(0);
    } finally {
      await nc.close();
    }

    const page = await survey(tokenOf(invitation));
    expect(page).toMatchObject({ status: 200, body: { kecamatan: '35.15.12' } });
  });

  it('refuses links that are not ours, of another purpose, expired, or of no invitation; an incomplete answer stores nothing', async () => {
    const applicationId = randomUUID();
    const s = signedKk('tatap-muka').print().collect();
    await readModelsTesting.appendHistory(store, applicationId, s.events);
    const [invitation] = await invitationOf(applicationId);
    const grant = { applicationId, linkId: invitation.invitationId, expiresAt: new Date(invitation.expiresAt) };

    expect(await survey('bukan-token')).toMatchObject({ status: 404, body: { code: 'SURVEY_LINK_INVALID' } });
    // A self-print token of the same grant and key: another purpose, not a survey link.
    expect(await survey(signSelfPrintToken(grant, key))).toMatchObject({ status: 404, body: { code: 'SURVEY_LINK_INVALID' } });
    expect(await survey(signLinkToken('ikm-survey', { ...grant, expiresAt: new Date(Date.now() - 1000) }, key))).toMatchObject({
      status: 410,
      body: { code: 'SURVEY_LINK_EXPIRED' },
    });
    expect(await survey(signLinkToken('ikm-survey', { ...grant, linkId: randomUUID() }, key), { scores: allFour() })).toMatchObject({
      status: 404,
      body: { code: 'SURVEY_LINK_INVALID' },
    });

    const token = tokenOf(invitation);
    const incomplete = await survey(token, { scores: { ...allFour(), waktu: 5, sarana: undefined } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('VALIDATION_FAILED');
    expect(incomplete.body.errors!.map((e) => e.field).sort()).toEqual(['scores.sarana', 'scores.waktu']);
    expect((await survey(token)).status).toBe(200); // still open: nothing was stored
    expect(await survey(token, { scores: allFour() })).toMatchObject({ status: 201, body: { status: 'answered' } });
    expect(await survey(token, { scores: allFour() })).toMatchObject({ status: 409, body: { code: 'SURVEY_ALREADY_ANSWERED' } });
    expect(await survey(token)).toMatchObject({ status: 409, body: { code: 'SURVEY_ALREADY_ANSWERED' } });
    // The link is a credential: the service logged its requests by route template, never the token.
    expect(logLines.some((l) => l.includes('/api/public/survei/:token'))).toBe(true);
    expect(logLines.filter((l) => l.includes(token.slice(0, 40)))).toEqual([]);
  });

  it('shows the results to the survey roles, an operator only their own kecamatan', async () => {
    const as = async (user: string) => new ApiClient(url, await platform.token(user));
    await eventually(async () => {
      const { status, body } = await (await as('auditor')).get('/api/complaints/survey/results?kind=year');
      expect(status).toBe(200);
      expect(body.rows).toEqual([expect.objectContaining({ kecamatan: null, respondents: 1, ikm: 100, grade: 'A' })]);
    }, 20_000);
    expect((await (await as('operator.balongbendo')).get('/api/complaints/survey/results?kind=month')).body.rows).toEqual([
      expect.objectContaining({ kecamatan: '35.15.12', respondents: 1 }),
    ]);
    expect((await (await as('operator.tarik')).get('/api/complaints/survey/results')).body.rows).toEqual([]);
    expect(await (await as('operator.tarik')).get('/api/complaints/survey/results?kecamatan=35.15.12')).toMatchObject({
      status: 403,
      body: { code: 'SURVEY_RESULTS_FORBIDDEN' },
    });
    expect((await (await as('pengaduan')).get('/api/complaints/survey/results?kind=quarter')).status).toBe(200);
    expect((await (await as('pemohon.siti')).get('/api/complaints/survey/results')).status).toBe(403);
    expect(await (await as('auditor')).get('/api/complaints/survey/results?kind=month&from=2026-Q1')).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'from' })] },
    });
  });

  it('throttles the public survey route per address like every public route', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_PER_MIN + 5; i++) statuses.push((await survey('bukan-token')).status);
    expect(statuses).toContain(429);
  });
});
