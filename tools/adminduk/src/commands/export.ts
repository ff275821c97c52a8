import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs, UsageError } from '../args';
import { storeAccess } from '../access';
import type { Command } from '../command';
import { trustedKeyFiles } from '../trusted-keys';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The auditor's export of one application: a signed bundle a third party verifies offline
 * (verify-bundle, or openssl by docs/audit.md). It holds the family's personal data, so the export
 * is recorded on the application's access stream first (decision 0016, view kind 'export'): when the
 * record cannot be written no bundle is made (fail closed), which is why the export needs a role
 * that may append, unlike `audit verify`.
 */
export const command: Command = {
  usage: 'adminduk export ID [--out FILE] [--key PUBLIC_KEY.pem]',
  async run(argv, io) {
    const args = parseArgs(argv, ['out', 'key']);
    const [applicationId, extra] = args.positionals;
    if (!applicationId || extra !== undefined) throw new UsageError('name one application id');
    if (!UUID.test(applicationId)) throw new UsageError(`"${applicationId}" is not an application id (a UUID)`);
    const [keyFile] = trustedKeyFiles(args, io.env);
    if (!keyFile) throw new UsageError('name the checkpoint public key (--key or ADMINDUK_CHECKPOINT_KEYS)');
    const access = storeAccess(io.env);
    const [{ exportBundle }, { applicationStreamId }, { Client }] = await Promise.all([
      import('@adminduk/audit'),
      import('@adminduk/domain'),
      import('pg'),
    ]);
    const db = new Client({ connectionString: access.databaseUrl, application_name: 'adminduk-export' });
    await db.connect();
    let bundle;
    try {
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      bundle = await exportBundle(db, applicationStreamId(applicationId), readFileSync(keyFile, 'utf8'), new Date());
      await db.query('COMMIT');
    } finally {
      await db.end();
    }
    await recordExport(access.databaseUrl, applicationId, io.env);
    const text = `${JSON.stringify(bundle, null, 2)}\n`;
    const out = args.options.get('out');
    if (out) writeFileSync(out, text, { mode: 0o600 });
    else io.stdout.write(text);
    io.stderr.write(
      `exported ${bundle.events.length} events of ${bundle.streamId} against checkpoint ${bundle.checkpoint.treeSize}` +
        `${bundle.eventsAfterCheckpoint ? ` (${bundle.eventsAfterCheckpoint} newer events wait for the next checkpoint)` : ''}; the export is recorded in the access log\n`,
    );
    return 0;
  },
};

/** PersonalDataViewed {kind: 'export'} by the auditor at this terminal, through the one write path. */
async function recordExport(databaseUrl: string, applicationId: string, env: NodeJS.ProcessEnv): Promise<void> {
  const [{ AccessLogRecorder, systemClock }, { PostgresEventStore }] = await Promise.all([
    import('@adminduk/application-commands'),
    import('@adminduk/event-store'),
  ]);
  const store = await PostgresEventStore.create({ connectionString: databaseUrl, max: 1 });
  try {
    const userId = env.ADMINDUK_AUDITOR_ID ?? `cli:${userInfo().username}`;
    await new AccessLogRecorder(store, systemClock).record(
      { userId, role: 'auditor' },
      applicationId,
      undefined,
      { kind: 'export' },
      randomUUID(),
    );
  } catch (e) {
    throw new Error(
      `the export could not be recorded in the access log, so no bundle was written (${e instanceof Error ? e.message : String(e)})`,
    );
  } finally {
    await store.close();
  }
}
