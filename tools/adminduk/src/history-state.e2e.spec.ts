import { Pool } from 'pg';
import { applicationStreamId, describeStatus, domainTesting, type ApplicationState } from '@adminduk/domain';
import { ApiClient, counterSubmission, startInProcessPlatform, type InProcessPlatform } from '@adminduk/gateway/testing';
import { eventually } from '@adminduk/testing';
import type { CommandIo } from './command';
import { main } from './main';
import { runCli } from './audit-log.testing';

/** What the live system reported after one step: the stream's last revision, the command's answer and the view. */
interface Observed {
  step: string;
  revision: number;
  commandStatus: unknown;
  view: {
    status: unknown;
    receiptNumber: string | null;
    requirements: Array<{ id: string; decision: string; presented: boolean; documents: unknown[] }>;
  };
}

/** The CLI in this process (the bin is exercised once below): its exit status and what it wrote. */
async function cli(env: Record<string, string>, ...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
    env,
  } as unknown as CommandIo;
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

/**
 * Issue 14 items 1, 2, 5 and 6 through the real services: after every step of an application's life
 * the live answers are recorded (the command's status, the operator's view, the stream's revision);
 * `adminduk state --revision N` must fold exactly those states. Then the history of a tampered event,
 * the diff, and rebuild-and-compare against the projections service running beside it.
 */
describe('adminduk history, state, diff and projections rebuild against the live platform', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let auditor: ApiClient;
  let env: Record<string, string>;
  let applicationId: string;
  const observed: Observed[] = [];

  const historyLength = async () => ((await auditor.get(`/api/applications/${applicationId}/history`)).body.entries as unknown[]).length;
  /** The view once it shows the command's outcome, with the stream's revision it reflects (re-read until both agree). */
  async function observe(step: string, commandStatus: unknown, settled: (view: Observed['view']) => boolean): Promise<void> {
    const seen = await eventually(async () => {
      const before = await historyLength();
      const view = (await operator.get(`/api/applications/${applicationId}`)).body as Observed['view'];
      const after = await historyLength();
      if (before !== after || !settled(view)) throw new Error(`${step}: not settled yet`);
      return { revision: after - 1, view };
    }, 15_000);
    observed.push({ step, revision: seen.revision, commandStatus, view: seen.view });
  }

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    auditor = new ApiClient(platform.gatewayUrl, await platform.token('auditor'));
    env = { ADMINDUK_DATABASE_URL: platform.schema.url, ADMINDUK_AUDITOR_ID: 'auditor-cli-uji' };

    const body = counterSubmission();
    body.newborn.namaLengkap = 'BAYI RIWAYAT CLI';
    const submitted = await operator.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    applicationId = submitted.body.applicationId;
    await observe('submit', submitted.body.status, (v) => !!v?.status);
    for (const requirement of [...domainTesting.DOCUMENT_REQUIREMENTS, 'nomor-telepon-email']) {
      const r = await operator.post(`/api/applications/${applicationId}/requirements/${requirement}/accept`);
      expect(r.status).toBe(200);
      await observe(
        `accept ${requirement}`,
        r.body.status,
        (v) => v.requirements.find((x) => x.id === requirement)?.decision === 'accepted',
      );
    }
    const verified = await operator.post(`/api/applications/${applicationId}/data/verify`);
    expect(verified.status).toBe(200);
    await observe('verify data', verified.body.status, (v) => JSON.stringify(v.status) === JSON.stringify(verified.body.status));
    const done = await operator.post(`/api/applications/${applicationId}/verification/complete`);
    expect(done.status).toBe(200);
    // The verification service assigns the newborn's NIK on its own: the step settles when that shows.
    await observe(
      'complete',
      null,
      (v) => v.receiptNumber === done.body.receiptNumber && /NIK bayi sudah terbit/.test(JSON.stringify(v.status)),
    );
  });
  afterAll(() => platform?.close());

  it('state --revision N folds, for every step, the state the live system reported then', async () => {
    expect(observed.length).toBeGreaterThanOrEqual(9);
    for (const o of observed) {
      const run = await cli(env, 'state', applicationId, '--revision', String(o.revision), '--json');
      expect({ step: o.step, status: run.status, stderr: run.stderr }).toEqual({ step: o.step, status: 0, stderr: '' });
      const { revision, state } = JSON.parse(run.stdout) as { revision: number; state: ApplicationState };
      expect(revision).toBe(o.revision);
      expect({ step: o.step, status: describeStatus(state) }).toEqual({ step: o.step, status: o.view.status });
      if (o.commandStatus) expect({ step: o.step, status: describeStatus(state) }).toEqual({ step: o.step, status: o.commandStatus });
      expect(state.receiptNumber ?? null).toBe(o.view.receiptNumber);
      expect(state.requirements.map((r) => [r.id, r.decision, r.presented, r.documents.length])).toEqual(
        o.view.requirements.map((r) => [r.id, r.decision, r.presented, r.documents.length]),
      );
    }
  });

  it('state --at a time folds what had happened by then; each state read is recorded in the access log', async () => {
    const { body } = await auditor.get(`/api/applications/${applicationId}/history`);
    const third = body.entries[2] as { occurredAt: string };
    const run = await cli(env, 'state', applicationId, '--at', third.occurredAt, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).revision).toBeGreaterThanOrEqual(2);
    const log = await auditor.get(`/api/applications/${applicationId}/access-log`);
    const mine = (log.body.records as Array<{ viewer: { userId: string }; view: { kind: string } }>).filter(
      (r) => r.viewer.userId === 'auditor-cli-uji',
    );
    expect(mine.length).toBe(observed.length + 1);
    expect(new Set(mine.map((r) => r.view.kind))).toEqual(new Set(['history']));
    expect((await cli(env, 'state', applicationId)).status).toBe(2);
    expect((await cli(env, 'state', applicationId, '--at', 'kemarin')).status).toBe(2);
  });

  it('state shows nothing when its read cannot be recorded (fail closed)', async () => {
    const sql = new Pool({ connectionString: platform.schema.url, max: 1 });
    try {
      await sql.query(`
        CREATE OR REPLACE FUNCTION refuse_access_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.stream_id LIKE 'access-%' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse_access_log BEFORE INSERT ON es_events FOR EACH ROW EXECUTE FUNCTION refuse_access_log();`);
      const run = await runCli(['state', applicationId, '--revision', '0'], env);
      expect(run.status).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('could not be recorded in the access log');
    } finally {
      await sql.query(`DROP TRIGGER IF EXISTS refuse_access_log ON es_events; DROP FUNCTION IF EXISTS refuse_access_log();`);
      await sql.end();
    }
  });

  it('diff names what changed between two points', async () => {
    const first = observed[0].revision;
    const last = observed[observed.length - 1].revision;
    const run = await cli(env, 'diff', applicationId, '--from', String(first), '--to', String(last));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`revision ${first} -> ${last}`);
    expect(run.stdout).toContain(`~ status: "submitted" -> `);
    expect(run.stdout).toMatch(/^\+ newbornNik: "\d{16}"$/m);
    expect(run.stdout).toMatch(/^~ requirements\[kartu-keluarga\]\.decision: "pending" -> "accepted"$/m);
    const json = JSON.parse((await cli(env, 'diff', applicationId, '--from', '0', '--to', '0', '--json')).stdout);
    expect(json.changes).toEqual([]);
  });

  it('history (the installed bin) lists the timeline in WIB with the domain`s labels; an edited event is marked, exit 1', async () => {
    const intact = await runCli(['history', applicationId], env);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(
      /^ {2}0 {2}\d{4}-\d{2}-\d{2} \d{2}\.\d{2}\.\d{2} WIB {2}hash ok {7}Permohonan diajukan \| oleh demo-operator-balongbendo \(operator-kecamatan\)$/m,
    );
    expect(intact.stdout).toContain('NIK bayi diterbitkan');
    expect(intact.stdout).toContain(`Rantai hash utuh (${observed[observed.length - 1].revision + 1} kejadian).`);
    expect(intact.stdout).not.toContain(domainTesting.newborn().nikIbu);

    const sql = new Pool({ connectionString: platform.schema.url, max: 1 });
    try {
      const { rows } = await sql.query<{ revision: string; event_id: string }>(
        `UPDATE es_events SET metadata = jsonb_set(metadata, '{actor,userId}', '"penyusup"')
          WHERE stream_id = $1 AND type = 'DataVerified' RETURNING revision, event_id::text`,
        [applicationStreamId(applicationId)],
      );
      const run = await cli(env, 'history', applicationId, '--json');
      expect(run.status).toBe(1);
      const timeline = JSON.parse(run.stdout) as { firstBroken: unknown; entries: Array<{ revision: number; hashStatus: string }> };
      expect(timeline.firstBroken).toEqual({ revision: Number(rows[0].revision), eventId: rows[0].event_id, mark: 'altered' });
      expect(timeline.entries.filter((e) => e.hashStatus !== 'ok').map((e) => e.revision)).toEqual([Number(rows[0].revision)]);
      // Through the API the same event is named (the gateway's history route).
      const viaApi = await cli(
        { ADMINDUK_API_URL: platform.gatewayUrl, ADMINDUK_TOKEN: await platform.token('auditor') },
        'history',
        applicationId,
      );
      expect(viaApi.status).toBe(1);
      expect(viaApi.stdout).toContain(
        `Rantai hash TIDAK UTUH: kejadian revisi ${rows[0].revision} (id ${rows[0].event_id}) diubah setelah dicatat.`,
      );
    } finally {
      await sql.end();
    }
  });

  it('projections rebuild --compare: every projection rebuilt from the store equals its live tables', async () => {
    const { allProjections, isRebuildable } = await import('@adminduk/read-models');
    const names = allProjections().map((p) => [p.name, isRebuildable(p)]);
    expect(names.filter(([, ok]) => !ok)).toEqual([]);
    for (const [name] of names) {
      const run = await cli(env, 'projections', 'rebuild', String(name), '--compare');
      expect({ name, status: run.status, out: run.stdout }).toEqual({
        name,
        status: 0,
        out: expect.stringContaining('Live and rebuild are equal.'),
      });
    }
  });

  it('projections rebuild --compare finds a corrupted row of the live view; --swap repairs it while the projections service runs', async () => {
    const clean = await cli(env, 'projections', 'rebuild', 'application-view', '--compare');
    expect({ status: clean.status, out: clean.stdout }).toEqual({ status: 0, out: expect.stringContaining('Live and rebuild are equal.') });
    expect(clean.stderr).toMatch(/events: \d+/);

    const sql = new Pool({ connectionString: platform.schema.url, max: 1 });
    try {
      await sql.query(`UPDATE application_view SET status_label = 'DIUBAH MANUAL' WHERE application_id = $1`, [applicationId]);
      const found = await cli(env, 'projections', 'rebuild', 'application-view', '--compare');
      expect(found.status).toBe(1);
      expect(found.stdout).toMatch(
        new RegExp(`differs application_view \\(application_id=${applicationId}\\) status_label: live "DIUBAH MANUAL", rebuilt "[^"]+"`),
      );
      expect(found.stdout).toContain('Not swapped');
      const swapped = await cli(env, 'projections', 'rebuild', 'application-view', '--compare', '--swap');
      expect(swapped.status).toBe(1);
      expect(swapped.stdout).toContain('Swapped: the live tables now hold the rebuild.');
      const { rows } = await sql.query(`SELECT status_label FROM application_view WHERE application_id = $1`, [applicationId]);
      expect(rows[0].status_label).not.toBe('DIUBAH MANUAL');
      expect((await cli(env, 'projections', 'rebuild', 'application-view', '--compare')).status).toBe(0);
      expect((await cli(env, 'projections', 'rebuild', 'no-such', '--compare')).status).toBe(2);
    } finally {
      await sql.end();
    }
  });
});
