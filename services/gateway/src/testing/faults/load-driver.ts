import { randomUUID } from 'node:crypto';
import { domainTesting, IKM_ELEMENTS } from '@adminduk/domain';
import type { CapturedMail } from '@adminduk/notifications';
import { pdfBytes } from '../api-client';
import { counterSubmission, onlineSubmission } from '../submission-fixture';
import type { EventLog } from './event-log';

const { DOCUMENT_REQUIREMENTS } = domainTesting;
const ALL_REQUIREMENTS = [...DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What one application goes through, and so what its stream must hold at the end: exact counts of
 * the event types that are effects (a signature, a print, a hand-over), 0 where it must not happen.
 * The complaint and the IKM survey some scripts add are counted on their own streams (COMPLAINING,
 * SURVEYED below).
 */
export const SCRIPTS = {
  /** At the counter: verified complete, signed, printed at the counter, handed over. */
  'counter-print': { ApplicationSubmitted: 1, ReceiptIssued: 1, KkSigned: 1, KkPrinted: 1, KkSelfPrinted: 0, KkCollected: 1 },
  /** Signed and never printed: no print may appear on its own. */
  'counter-signed-only': { ApplicationSubmitted: 1, ReceiptIssued: 1, KkSigned: 1, KkPrinted: 0, KkSelfPrinted: 0, KkCollected: 0 },
  /** Incomplete at the counter: returned at once, nothing signed. */
  'counter-returned': { ApplicationSubmitted: 1, FileReturned: 1, KkSigned: 0, KkPrinted: 0 },
  /** Online: scans uploaded, verified, signed, printed by the applicant through the mailed link (no tanda terima online). */
  'online-self-print': { ApplicationSubmitted: 1, ReceiptIssued: 0, KkSigned: 1, KkPrinted: 0, KkSelfPrinted: 1, KkCollected: 0 },
  /** Online with a correction: a scan rejected, uploaded again, then verified, signed, printed, handed over. */
  'online-correction-print': { ApplicationSubmitted: 1, ReceiptIssued: 0, KkSigned: 1, KkPrinted: 1, KkSelfPrinted: 0, KkCollected: 1 },
} as const satisfies Record<string, Record<string, number>>;
export type ScriptName = keyof typeof SCRIPTS;
const SCRIPT_ORDER = Object.keys(SCRIPTS) as ScriptName[];

/**
 * The family whose KK is signed but not yet in their hands complains on the public form (with an
 * e-mail); the petugas pengaduan verifies it (valid, ringan), answers and closes it. Its stream ends
 * with exactly these, and the complainant gets one mail of each (by Message-ID).
 */
export const COMPLAINING: ReadonlySet<ScriptName> = new Set(['counter-signed-only']);
export const COMPLAINT_EVENTS = { ComplaintReceived: 1, ComplaintVerified: 1, ComplaintAnswered: 1, ComplaintClosed: 1 } as const;
export const COMPLAINT_MAILS = ['Pengaduan diterima', 'Pengaduan sedang ditangani', 'Jawaban atas pengaduan Anda', 'Pengaduan selesai'];
/**
 * The KK reached the family (handed over, or printed through the link): one invitation to the IKM
 * survey, one mail with its link, one anonymous answer. Nobody else is invited.
 */
export const SURVEYED: ReadonlySet<ScriptName> = new Set(['counter-print', 'online-self-print', 'online-correction-print']);
export const SURVEY_MAIL = 'Survei kepuasan layanan (IKM)';

/** One HTTP answer the load got, for the "no 5xx but 503 with Retry-After" invariant. */
export interface Answer {
  at: number;
  route: string;
  status: number;
  retryAfter: string | null;
  applicationId?: string;
  /** The complaint a complaints route answered for. */
  complaintId?: string;
  /** Event types a 2xx command answer says it recorded. */
  events?: string[];
}

export interface Application {
  n: number;
  script: ScriptName;
  id?: string;
  receiptNumber?: string;
  /** Where the script stands; 'done' when it ran to its end. */
  stage: string;
  failure?: string;
  printsAnswered: number;
  selfPrintsAnswered: number;
  /** The complaint the family filed (COMPLAINING scripts) and its number, which names its mails. */
  complaint?: { id: string; trackingNumber: string };
  /** The IKM survey answered (201, or 409 already answered after an attempt whose answer was lost). */
  surveyAnswered?: boolean;
  /** Downloads sent, answered or not: a download cut off mid-way (the server recorded it) is retried. */
  selfPrintRequests: number;
}

export interface LoadTarget {
  gatewayUrl: string;
  documentsUrl: string;
  printingUrl: string;
  complaintsUrl: string;
  token(username: string): Promise<string>;
  mails: CapturedMail[];
  log: EventLog;
}

class StepFailed extends Error {}

/**
 * A steady load of applications through every stage, each following its script with retries
 * (same Idempotency-Key, so a retried command is the same command) until it reaches its end or its
 * deadline. Every answer is recorded; a refused step other than "not yet" fails the application
 * with the step, status and body.
 */
export class LoadDriver {
  readonly answers: Answer[] = [];
  readonly applications: Application[] = [];
  private readonly tokens = new Map<string, Promise<string>>();
  /** Self-print and survey links by the reference in their mail's subject; `mailsRead` mails read so far. */
  private readonly links = new Map<string, string>();
  private readonly surveyLinks = new Map<string, string>();
  private mailsRead = 0;
  /** Requests sent and not answered yet (from each attempt's send until its answer or failure). */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly target: LoadTarget,
    private readonly stepDeadlineMs = 180_000,
  ) {}

  /**
   * The requests in flight now (at a fault's repair: those the fault held, e.g. queued for a paused
   * writer), as a wait: it resolves when each has been answered or has failed, or after `timeoutMs`.
   */
  heldNow(): (timeoutMs: number) => Promise<void> {
    const held = Promise.allSettled([...this.inFlight]);
    return async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([held, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
    };
  }

  /** Where the applications stand, by the first word of their stage, e.g. `done 412, await 96, accept 40`. */
  progress(): string {
    const by = new Map<string, number>();
    for (const a of this.applications) {
      const stage = a.failure ? 'failed' : a.stage.split(' ')[0];
      by.set(stage, (by.get(stage) ?? 0) + 1);
    }
    return [...by].map(([stage, n]) => `${stage} ${n}`).join(', ');
  }

  /**
   * Starts `count` applications, one every `intervalMs` (by the clock: a late timer on a busy machine
   * starts the next ones at once rather than stretching the load); resolves when every one has ended.
   */
  async run(count: number, intervalMs: number, onStarted?: (n: number) => void): Promise<void> {
    const running: Promise<void>[] = [];
    const start = Date.now();
    for (let n = 0; n < count; n++) {
      const app: Application = {
        n,
        script: SCRIPT_ORDER[n % SCRIPT_ORDER.length],
        stage: 'new',
        printsAnswered: 0,
        selfPrintsAnswered: 0,
        selfPrintRequests: 0,
      };
      this.applications.push(app);
      running.push(
        this.drive(app).catch((e: Error) => {
          app.failure = `application #${n} (${app.script}${app.id ? ` ${app.id}` : ''}) at ${app.stage}: ${e.message}`;
        }),
      );
      onStarted?.(n);
      await sleep(start + (n + 1) * intervalMs - Date.now());
    }
    await Promise.all(running);
  }

  private async drive(app: Application): Promise<void> {
    const operator = 'operator.balongbendo';
    const online = app.script.startsWith('online');
    const citizen = 'pemohon.siti';
    const body = online ? onlineSubmission() : counterSubmission();
    body.newborn.namaLengkap = `BAYI ${letters(app.n)}`;
    body.family.noKk = familyNoKk(app.n);
    body.newborn.nikIbu = motherNik(app.n);
    if (app.script === 'counter-returned')
      (body as { presentedRequirementIds?: string[] }).presentedRequirementIds = DOCUMENT_REQUIREMENTS.slice(0, 2);
    const submitted = await this.command(app, 'submit', online ? citizen : operator, 'POST', '/api/applications', body);
    app.id = submitted.applicationId as string;
    if (app.script === 'counter-returned') return this.done(app);
    const id = app.id;
    const cmd = (step: string, path: string, payload: unknown = {}, user = operator) =>
      this.command(app, step, user, 'POST', `/api/applications/${id}${path}`, payload);

    if (online) for (const req of DOCUMENT_REQUIREMENTS) await this.upload(app, citizen, req, `${id}-${req}`);
    const correction = app.script === 'online-correction-print';
    for (const req of ALL_REQUIREMENTS) {
      if (correction && req === 'kartu-keluarga')
        await cmd(`reject ${req}`, `/requirements/${req}/reject`, { reason: 'Hasil pindaian buram' });
      else await cmd(`accept ${req}`, `/requirements/${req}/accept`);
    }
    await cmd('verify data', '/data/verify');
    if (correction) {
      await cmd('correction request', '/correction-request');
      await this.upload(app, citizen, 'kartu-keluarga', `${id}-kk-baru`);
      await cmd('corrections', '/corrections', {}, citizen);
      await cmd('accept kartu-keluarga again', '/requirements/kartu-keluarga/accept');
    }
    const complete = await cmd('complete verification', '/verification/complete');
    app.receiptNumber = complete.receiptNumber as string;

    app.stage = 'await KkSigned';
    await this.until(app, () => this.target.log.has(id, 'KkSigned'));
    if (COMPLAINING.has(app.script)) await this.complain(app);
    if (app.script === 'counter-signed-only') return this.done(app);
    if (app.script === 'online-self-print') {
      await this.selfPrint(app);
      await this.survey(app);
      return this.done(app);
    }
    await this.command(
      app,
      'print',
      operator,
      'POST',
      `/api/printing/applications/${id}/print`,
      { workstation: 'LOKET-1' },
      this.target.printingUrl,
    );
    app.printsAnswered++;
    await cmd('collection', '/collection', { collectorNik: body.applicant.nik });
    if (SURVEYED.has(app.script)) await this.survey(app);
    this.done(app);
  }

  /** A complaint on the public form, then the petugas pengaduan's verification, answer and closing. */
  private async complain(app: Application): Promise<void> {
    const base = this.target.complaintsUrl;
    const filed = await this.command(
      app,
      'complaint',
      'pemohon.siti',
      'POST',
      '/api/public/pengaduan',
      {
        kind: 'pengaduan',
        category: 'pelayanan-lambat',
        summary: 'KK belum bisa diambil',
        description: 'KK sudah ditandatangani tetapi belum dapat kami ambil di kecamatan.',
        kecamatan: '35.15.12',
        application: { applicationId: app.id },
        complainant: { name: 'Pelapor Uji', email: `pelapor.${app.n}@example.test` },
      },
      base,
    );
    const complaint = { id: filed.complaintId as string, trackingNumber: filed.trackingNumber as string };
    app.complaint = complaint;
    const handle = (step: string, path: string, payload: unknown) =>
      this.command(app, step, 'pengaduan', 'POST', `/api/complaints/${complaint.id}${path}`, payload, base);
    await handle('complaint verify', '/verify', { outcome: 'valid', tier: 'ringan' });
    await handle('complaint answer', '/answer', { answer: 'KK dapat diambil di loket kecamatan pada jam layanan.' });
    await handle('complaint close', '/close', { satisfaction: 'puas' });
  }

  /** The survey link from the invitation mail, answered once (all nine elements). */
  private async survey(app: Application): Promise<void> {
    app.stage = 'await survey mail';
    const link = await this.until(
      app,
      async () => this.mailedLink(this.surveyLinks, app.id!) ?? this.mailedLink(this.surveyLinks, app.receiptNumber!),
    );
    app.stage = 'survey answer';
    const token = link.slice('/survei/'.length);
    await this.attempt(
      app,
      app.stage,
      '/api/public/survei/:token',
      () =>
        fetch(`${this.target.complaintsUrl}/api/public/survei/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scores: Object.fromEntries(IKM_ELEMENTS.map((e) => [e.id, 3])) }),
          signal: AbortSignal.timeout(30_000),
        }),
      undefined,
      // An earlier attempt that landed, its answer lost with a fault: the one answer is stored.
      (status, json) => status === 409 && json?.code === 'SURVEY_ALREADY_ANSWERED',
    );
    app.surveyAnswered = true;
  }

  private done(app: Application): void {
    app.stage = 'done';
  }

  /** A command with one Idempotency-Key for all its attempts; retried while the platform is (partly) down. */
  private async command(
    app: Application,
    step: string,
    user: string,
    method: string,
    path: string,
    payload: unknown,
    base = this.target.gatewayUrl,
  ): Promise<Record<string, unknown>> {
    app.stage = step;
    const key = randomUUID();
    return this.attempt(
      app,
      step,
      path,
      async (token) =>
        fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(30_000),
        }),
      user,
    );
  }

  private async upload(app: Application, user: string, requirement: string, label: string): Promise<void> {
    app.stage = `upload ${requirement}`;
    const path = `/api/applications/${app.id}/documents/${requirement}`;
    await this.attempt(
      app,
      app.stage,
      path,
      (token) =>
        fetch(`${this.target.documentsUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
          body: pdfBytes(label),
          signal: AbortSignal.timeout(30_000),
        }),
      user,
    );
  }

  /** The link from the mail the applicant received, opened once: the signed PDF. */
  private async selfPrint(app: Application): Promise<void> {
    app.stage = 'await self-print mail';
    const link = await this.until(app, async () => this.mailedLink(this.links, app.id!) ?? this.mailedLink(this.links, app.receiptNumber!));
    app.stage = 'self-print download';
    await this.attempt(app, app.stage, '/cetak/:token', async () => {
      app.selfPrintRequests++;
      const r = await fetch(`${this.target.printingUrl}${link}`, { signal: AbortSignal.timeout(30_000) });
      if (
        r.status === 200 &&
        !Buffer.from(await r.clone().arrayBuffer())
          .subarray(0, 5)
          .equals(Buffer.from('%PDF-'))
      )
        throw new StepFailed('self-print answered 200 without a PDF');
      return r;
    });
    app.selfPrintsAnswered++;
  }

  /**
   * The self-print or survey link mailed for this application (its id or receipt number in the
   * subject's brackets), from `links` (self-print) or `surveyLinks`. The mails are read once each, as
   * they arrive: hundreds of applications waiting would otherwise scan every mail twice a second.
   */
  private mailedLink(links: Map<string, string>, reference: string): string | undefined {
    const mails = this.target.mails;
    for (; this.mailsRead < mails.length; this.mailsRead++) {
      const m = mails[this.mailsRead];
      const ref = /\[([^\]]+)\]$/.exec(m.subject)?.[1];
      const [kind, into] = m.subject.startsWith('Tautan cetak mandiri')
        ? ['cetak', this.links]
        : m.subject.startsWith(SURVEY_MAIL)
          ? ['survei', this.surveyLinks]
          : [];
      const link = kind && new RegExp(`/${kind}/[A-Za-z0-9_-]+`).exec(m.text)?.[0];
      if (into && ref && link && !into.has(ref)) into.set(ref, link);
    }
    return links.get(reference);
  }

  private async attempt(
    app: Application,
    step: string,
    route: string,
    send: (token: string) => Promise<Response>,
    user = 'operator.balongbendo',
    /** An answer other than 2xx that still means the step is done. */
    doneAnyway?: (status: number, json: Record<string, unknown> | undefined) => boolean,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + this.stepDeadlineMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      let r: Response;
      try {
        const sent = send(await this.token(user));
        this.inFlight.add(sent);
        r = await sent.finally(() => this.inFlight.delete(sent));
      } catch (e) {
        if (e instanceof StepFailed) throw e;
        last = `no answer (${(e as Error).message})`;
        await sleep(500);
        continue;
      }
      const text = await r.text();
      const json = parseJson(text);
      this.answers.push({
        at: Date.now(),
        route: routeTemplate(route),
        status: r.status,
        retryAfter: r.headers.get('retry-after'),
        ...(route.includes('pengaduan') || route.startsWith('/api/complaints')
          ? { complaintId: app.complaint?.id ?? (json?.complaintId as string | undefined) }
          : { applicationId: app.id ?? (json?.applicationId as string | undefined) }),
        events: Array.isArray(json?.events) ? (json.events as string[]) : undefined,
      });
      if ((r.status >= 200 && r.status < 300) || doneAnyway?.(r.status, json)) return json ?? {};
      last = `${r.status} ${text.slice(0, 300)}`;
      if (r.status === 401) this.tokens.delete(user);
      // 400 and 403 are the load's own mistake or a broken rule: retrying would only hide it.
      if (r.status === 400 || r.status === 403) throw new StepFailed(`${step}: ${last}`);
      await sleep(500);
    }
    throw new StepFailed(`${step}: gave up after ${this.stepDeadlineMs} ms, last answer ${last}`);
  }

  private async until<T>(app: Application, check: () => Promise<T | undefined | false>): Promise<T> {
    const deadline = Date.now() + this.stepDeadlineMs;
    while (Date.now() < deadline) {
      try {
        const v = await check();
        if (v) return v;
      } catch {
        // the database is restarting: look again
      }
      await sleep(500);
    }
    throw new StepFailed(`${app.stage}: not reached after ${this.stepDeadlineMs} ms`);
  }

  private token(user: string): Promise<string> {
    if (!this.tokens.has(user)) {
      const p = this.target.token(user);
      p.catch(() => this.tokens.delete(user));
      this.tokens.set(user, p);
    }
    return this.tokens.get(user)!;
  }
}

const parseJson = (text: string): Record<string, any> | undefined => {
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return undefined;
  }
};

/** The route without ids, as metrics name it. */
const routeTemplate = (path: string) =>
  path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
    .replace(/documents\/[a-z-]+$/, 'documents/:requirement');

/**
 * A family of its own for each application (a family's KK is re-issued once per birth, not 800
 * times): kecamatan 35.15.12, recorded on the 2nd-27th of March 2015, serial n. With the fixture's one
 * No. KK for every application, each signature superseded every earlier KK of that one family in the
 * public verification view: 800 signatures rewrote ~320,000 rows live and again in the rebuild check,
 * three of a run's nine minutes.
 */
const familyNoKk = (n: number) =>
  `351512${String(2 + (Math.floor(n / 9999) % 26)).padStart(2, '0')}0315${String((n % 9999) + 1).padStart(4, '0')}`;

/**
 * A mother of her own for each application: the duplicate check locks per mother, so with the
 * fixture's one mother every submission waited for the one before, each holding one of intake's 24
 * pool connections, and her open applications grew with the run; a regency's mothers are many.
 * The family keeps the fixture's mother, the online citizen, a party to the application.
 */
const motherNik = (n: number) => `351512590790${String((n % 9999) + 1).padStart(4, '0')}`;

/** Letters only: a newborn's name holds no digits. */
const letters = (n: number) => n.toString(26).replace(/./g, (c) => String.fromCharCode(65 + parseInt(c, 26)));
