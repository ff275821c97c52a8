import { connect, nkeyAuthenticator } from 'nats';
import { DeadLetters } from '@adminduk/messaging';
import { applicationStreamId, complaintStreamId, surveyInvitationStreamId } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { allProjections, createReadModelDataSource, isRebuildable, rebuildAndCompare } from '@adminduk/read-models';
import { busEnv } from '@adminduk/testing';
import type { EventLog } from './event-log';
import { NAMESPACE, type FaultPlatform } from './fault-platform';
import { COMPLAINING, COMPLAINT_EVENTS, COMPLAINT_MAILS, SCRIPTS, SURVEY_MAIL, SURVEYED, type LoadDriver } from './load-driver';

/** One invariant's outcome: its name and every violation, each a precise sentence. */
export interface InvariantResult {
  name: string;
  /** What was looked at (so a pass over nothing shows). */
  checked: string;
  violations: string[];
}

const MAX_LISTED = 20;
const result = (name: string, checked: string, violations: string[]): InvariantResult => ({
  name,
  checked,
  violations:
    violations.length > MAX_LISTED ? [...violations.slice(0, MAX_LISTED), `... and ${violations.length - MAX_LISTED} more`] : violations,
});

/** Every invariant of issue 16, after the load has ended and the platform has settled. */
/** `deadLetters` receives every dead letter (sequence, consumer, reason) for the results file. */
export async function checkInvariants(
  p: FaultPlatform,
  load: LoadDriver,
  log: EventLog,
  deadLetters: string[],
): Promise<InvariantResult[]> {
  const counts = await log.typeCounts();
  return [
    answeredInStore(load, counts),
    await scriptsReached(load, counts, log),
    await signaturesOnce(p, log),
    await receiptMailOnce(p, load, log),
    await complaintsAndSurveyOnce(p, load, counts),
    noServerErrors(load),
    await busSettled(p, deadLetters),
    await readModelsEqualRebuild(p, load.applications.filter((a) => a.id).length),
  ];
}

/** Every 2xx answer is in the store: the application it named exists, and each event type it reported. */
function answeredInStore(load: LoadDriver, counts: Map<string, Record<string, number>>): InvariantResult {
  const v: string[] = [];
  for (const a of load.answers) {
    if (a.status < 200 || a.status >= 300) continue;
    const [id, stream, first] = a.complaintId
      ? [a.complaintId, counts.get(complaintStreamId(a.complaintId)) ?? {}, 'ComplaintReceived']
      : a.applicationId
        ? [a.applicationId, counts.get(applicationStreamId(a.applicationId)) ?? {}, 'ApplicationSubmitted']
        : [];
    if (!id || !stream || !first) continue;
    if (!stream[first]) v.push(`${a.route} answered ${a.status} for ${id}, which the store does not hold`);
    for (const type of a.events ?? [])
      if (!stream[type]) v.push(`${a.route} answered ${a.status} with ${type} for ${id}; the store has no ${type}`);
  }
  return result('every request answered 2xx is in the store', `${load.answers.filter((a) => a.status < 300).length} answers`, v);
}

/** Every application ran its script to the end, and its stream holds exactly the effects the script expects. */
async function scriptsReached(load: LoadDriver, counts: Map<string, Record<string, number>>, log: EventLog): Promise<InvariantResult> {
  const v: string[] = [];
  for (const app of load.applications) {
    if (app.failure) {
      v.push(app.id ? `${app.failure}; ${await whereItStopped(app.id, counts, log)}` : app.failure);
      continue;
    }
    if (app.stage !== 'done' || !app.id) {
      v.push(`application #${app.n} (${app.script}) stopped at ${app.stage}`);
      continue;
    }
    const stream = counts.get(applicationStreamId(app.id)) ?? {};
    const expected: Record<string, number> = { ...SCRIPTS[app.script] };
    // Prints only when asked: as many prints as answered 2xx (a retried print is the same print, by
    // its key); a download per request that reached the printing service, at least the ones answered.
    if ('KkPrinted' in expected) expected.KkPrinted = app.printsAnswered;
    const downloads = stream.KkSelfPrinted ?? 0;
    if ('KkSelfPrinted' in expected && (downloads < app.selfPrintsAnswered || downloads > app.selfPrintRequests))
      v.push(
        `application ${app.id} (${app.script}): ${downloads} KkSelfPrinted for ${app.selfPrintsAnswered} downloads answered of ${app.selfPrintRequests} sent`,
      );
    delete expected.KkSelfPrinted;
    for (const [type, n] of Object.entries(expected))
      if ((stream[type] ?? 0) !== n) v.push(`application ${app.id} (${app.script}): ${stream[type] ?? 0} ${type}, expected ${n}`);
  }
  return result('every application reaches the state its script expects', `${load.applications.length} applications`, v);
}

/**
 * What the platform did with an application that stopped short: its stream's events and the
 * notifications service's send records (ids, times and errors only), to tell "never triggered"
 * from "triggered, not sent" from "sent, not received".
 */
async function whereItStopped(applicationId: string, counts: Map<string, Record<string, number>>, log: EventLog): Promise<string> {
  return `stream ${JSON.stringify(counts.get(applicationStreamId(applicationId)) ?? {})}; send records ${JSON.stringify(await sendRecordsOf(applicationId, log))}`;
}

/** The notifications service's send records of an application, oldest first: ids, times and errors only. */
function sendRecordsOf(applicationId: string, log: EventLog) {
  return log.query<{ template: string; attempts: number; sent_at: Date | null; last_error: string | null; last_attempt_at: Date | null }>(
    'SELECT template, attempts, sent_at, last_error, last_attempt_at FROM notification_sends WHERE application_id = $1 ORDER BY created_at',
    [applicationId],
  );
}

/** One signature per KK: one signed object in the bucket per document id, one KkSigned per document id. */
async function signaturesOnce(p: FaultPlatform, log: EventLog): Promise<InvariantResult> {
  const v: string[] = [];
  const signed = await log.eventsOfType('KkSigned');
  const byDocument = new Map<string, number>();
  for (const e of signed) byDocument.set(e.data.documentId, (byDocument.get(e.data.documentId) ?? 0) + 1);
  for (const [doc, n] of byDocument) if (n !== 1) v.push(`document ${doc}: ${n} KkSigned events`);
  const objects = await p.kkObjects.listObjects('kk/');
  const objectsPerDocument = new Map<string, number>();
  for (const o of objects) {
    const doc = o.key.split('/')[1];
    objectsPerDocument.set(doc, (objectsPerDocument.get(doc) ?? 0) + 1);
  }
  for (const [doc, n] of objectsPerDocument) if (n !== 1) v.push(`document ${doc}: ${n} signed PDFs in the bucket (signed ${n} times)`);
  for (const doc of byDocument.keys())
    if (!objectsPerDocument.has(doc)) v.push(`document ${doc}: KkSigned but no signed PDF in the bucket`);
  return result('one signature and one KkSigned per KK', `${byDocument.size} KkSigned documents, ${objects.length} signed PDFs`, v);
}

/** One receipt mail per application by Message-ID at the SMTP server (a repeat with the same Message-ID is the same mail). */
async function receiptMailOnce(p: FaultPlatform, load: LoadDriver, log: EventLog): Promise<InvariantResult> {
  const v: string[] = [];
  const ids = new Map<string, Set<string>>();
  for (const m of p.smtp.messages) {
    const ref = /^Permohonan diterima \[(.+)\]$/.exec(m.subject)?.[1];
    if (ref) ids.set(ref, (ids.get(ref) ?? new Set()).add(m.messageId));
  }
  for (const app of load.applications) {
    if (!app.id) continue;
    const n = ids.get(app.id)?.size ?? 0;
    if (n === 1) continue;
    // What the notifications service recorded of it (the send record), to tell "never handled" from "handled, not sent".
    v.push(
      `application ${app.id}: ${n} receipt mails by Message-ID, expected 1; send records: ${JSON.stringify(await sendRecordsOf(app.id, log))}`,
    );
  }
  return result('one receipt mail per application (by Message-ID)', `${p.smtp.messages.length} mails received`, v);
}

/**
 * The complaints and the IKM survey, exactly once each: a complaining family's complaint stream
 * holds one of each handling step and its complainant one mail per step (by Message-ID); a family
 * whose KK reached them has one invitation, one invitation mail and, having answered, one answer,
 * and no other family is invited. The answers are anonymous (a keyed stream per application), so
 * they are counted whole: as many SurveyAnswered events as answers given.
 */
async function complaintsAndSurveyOnce(
  p: FaultPlatform,
  load: LoadDriver,
  counts: Map<string, Record<string, number>>,
): Promise<InvariantResult> {
  const v: string[] = [];
  const mailIds = new Map<string, Set<string>>();
  for (const m of p.smtp.messages) {
    const key = m.subject; // '<what> [<reference>]'
    mailIds.set(key, (mailIds.get(key) ?? new Set()).add(m.messageId));
  }
  const mailsOf = (subject: string) => mailIds.get(subject)?.size ?? 0;
  let complaints = 0;
  let invited = 0;
  let answered = 0;
  for (const app of load.applications) {
    if (!app.id || app.failure || app.stage !== 'done') continue; // reported by the scripts' invariant
    if (COMPLAINING.has(app.script)) {
      complaints++;
      if (!app.complaint) {
        v.push(`application ${app.id} (${app.script}): no complaint filed`);
      } else {
        const stream = counts.get(complaintStreamId(app.complaint.id)) ?? {};
        for (const [type, n] of Object.entries(COMPLAINT_EVENTS))
          if ((stream[type] ?? 0) !== n) v.push(`complaint ${app.complaint.id}: ${stream[type] ?? 0} ${type}, expected ${n}`);
        for (const what of COMPLAINT_MAILS) {
          const n = mailsOf(`${what} [${app.complaint.trackingNumber}]`);
          if (n !== 1) v.push(`complaint ${app.complaint.id}: ${n} "${what}" mails by Message-ID, expected 1`);
        }
      }
    }
    const expected = SURVEYED.has(app.script) ? 1 : 0;
    invited += expected;
    const invitations = counts.get(surveyInvitationStreamId(app.id))?.SurveyInvitationIssued ?? 0;
    if (invitations !== expected) v.push(`application ${app.id} (${app.script}): ${invitations} survey invitations, expected ${expected}`);
    const surveyMails = mailsOf(`${SURVEY_MAIL} [${app.id}]`) + (app.receiptNumber ? mailsOf(`${SURVEY_MAIL} [${app.receiptNumber}]`) : 0);
    if (surveyMails !== expected)
      v.push(`application ${app.id} (${app.script}): ${surveyMails} survey mails by Message-ID, expected ${expected}`);
    if (app.surveyAnswered) answered++;
  }
  let answers = 0;
  for (const [stream, types] of counts) if (stream.startsWith('survey-response-')) answers += types.SurveyAnswered ?? 0;
  if (answers !== answered) v.push(`${answers} survey answers in the store for ${answered} given`);
  return result(
    'one complaint handling and one survey per family (events, and mails by Message-ID)',
    `${complaints} complaints, ${invited} invitations, ${answered} answers`,
    v,
  );
}

/** No 5xx but 503 with Retry-After (a dependency down). */
function noServerErrors(load: LoadDriver): InvariantResult {
  const v = load.answers
    .filter((a) => a.status >= 500 && !(a.status === 503 && a.retryAfter))
    .map(
      (a) =>
        `${a.route} answered ${a.status}${a.status === 503 ? ' without Retry-After' : ''}${a.applicationId ? ` (${a.applicationId})` : ''}`,
    );
  return result('no 5xx other than 503 with Retry-After', `${load.answers.length} answers`, v);
}

/** Nothing unacknowledged outside the dead-letter stream; every dead letter says why it is there. */
async function busSettled(p: FaultPlatform, deadLetters: string[]): Promise<InvariantResult> {
  const v: string[] = [];
  let consumers = 0;
  const { NATS_NKEY_SEED } = busEnv({ dir: p.bus.dir, natsUrl: p.bus.natsUrl }, 'test');
  const nc = await connect({ servers: p.bus.natsUrl, authenticator: nkeyAuthenticator(new TextEncoder().encode(NATS_NKEY_SEED)) });
  try {
    const jsm = await nc.jetstreamManager();
    // Settled means settled for good: a consumer still working through its last batch gets 30 s.
    let busy: string[] = [];
    for (let deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 500))) {
      const list = await jsm.consumers.list(`${NAMESPACE}_EVENTS`).next();
      consumers = list.length;
      busy = list
        .filter((c) => c.num_pending > 0 || c.num_ack_pending > 0)
        .map((c) => `consumer ${c.name}: ${c.num_pending} pending, ${c.num_ack_pending} delivered and unacknowledged`);
      if (busy.length === 0 || Date.now() > deadline) break;
    }
    v.push(...busy);
    const dlq = await jsm.streams.info(`${NAMESPACE}_DLQ`).catch(() => undefined);
    if (dlq && dlq.state.messages > 0) {
      const letters = new DeadLetters(nc, { name: `${NAMESPACE}_DLQ`, subjectPrefix: `${NAMESPACE}.dlq` });
      for (let page = await letters.list({ limit: 100 }); ; page = await letters.list({ limit: 100, fromSeq: page.nextSeq })) {
        for (const d of page.items) {
          deadLetters.push(`#${d.seq} ${d.record.consumer}: ${d.record.error}`);
          if (!d.record.error) v.push(`dead letter #${d.seq} of ${d.record.consumer} (${d.record.subject}) carries no reason`);
        }
        if (!page.nextSeq) break;
      }
    }
  } finally {
    await nc.close();
  }
  return result(
    'nothing unacknowledged outside the dead-letter stream; every dead letter explained',
    `${consumers} consumers, ${deadLetters.length} dead letters`,
    v,
  );
}

/**
 * Every read model equals a rebuild from the store, by the projections' own rebuild (decision 0023,
 * rebuildAndCompare): each projection folds the store into a shadow schema up to its live
 * checkpoint and is compared row by row on its primary key; nothing is swapped.
 */
async function readModelsEqualRebuild(p: FaultPlatform, applications: number): Promise<InvariantResult> {
  const v: string[] = [];
  const store = await PostgresEventStore.create({ connectionString: p.databaseUrl, max: 2 });
  const ds = createReadModelDataSource(p.databaseUrl);
  await ds.initialize();
  const compared: string[] = [];
  try {
    for (const projection of allProjections()) {
      if (!isRebuildable(projection)) {
        v.push(`${projection.name}: declares no tables, so it cannot be compared with a rebuild`);
        continue;
      }
      const report = await rebuildAndCompare(ds, store, projection, { maxDifferences: 5 });
      compared.push(...report.tables.map((t) => `${t.table} ${t.liveRows} rows`));
      for (const d of report.differences)
        v.push(`${d.table}: ${d.kind} row ${JSON.stringify(d.key)}${d.kind === 'differs' ? ` (columns ${d.columns.join(', ')})` : ''}`);
      const view = report.tables.find((t) => t.table === 'application_view');
      // An empty view equals an empty rebuild: the comparison must have had the load's applications.
      if (view && view.liveRows < applications) v.push(`application_view holds ${view.liveRows} rows for ${applications} applications`);
    }
  } finally {
    await ds.destroy();
    await store.close();
  }
  return result('every read model equals a rebuild from the store', compared.join(', '), v);
}
