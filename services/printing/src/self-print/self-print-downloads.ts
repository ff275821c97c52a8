import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ApplicationCommands, Clock, KnownApplication } from '@adminduk/application-commands';
import { DomainError } from '@adminduk/domain';
import { signedKkObjectKey } from '@adminduk/kk-document';
import type { Logger } from '@adminduk/observability';
import { LinkTokenVerifier, type SelfPrintVerifyKey } from '@adminduk/self-print-token';
import type { ObjectStorage } from '@adminduk/storage';
import type { SelfPrintRefusal } from './self-print-page';

/** How many applications' streams a process keeps (a few KB each): the families downloading these days. */
const KNOWN_APPLICATIONS = 2_000;

/** The system user that records downloads through a link. */
export const SELF_PRINT_SYSTEM_USER = 'system:self-print';

export type SelfPrintOutcome =
  { kind: 'pdf'; body: Readable; documentId: string; downloadId: string } | { kind: 'refused'; refusal: SelfPrintRefusal };

export interface SelfPrintDownloadsDeps {
  commands: () => Promise<ApplicationCommands>;
  /** The signed KKs' storage now; throws (503) while it is down. */
  storage: () => ObjectStorage;
  keys: readonly SelfPrintVerifyKey[];
  clock: Clock;
  logger: Logger;
}

/** What the decider's refusal means for the visitor (self-print.ts in libs/domain). */
function refusalOf(code: string): SelfPrintRefusal {
  switch (code) {
    case 'LINK_EXPIRED':
      return 'expired';
    case 'LINK_SUPERSEDED':
      return 'superseded';
    case 'KK_REVOKED':
      return 'revoked';
    case 'LINK_CLOSED':
      return 'collected';
    default:
      return 'invalid'; // LINK_UNKNOWN, not signed, no such application: the same answer as a forged token
  }
}

/**
 * One download through a self-print link: the token is checked (signature, purpose, expiry), the
 * application's stream is read once (the signed KK to open, and what RecordSelfPrint is decided
 * on), the signed KK's object is opened, then the download is recorded through the one write path
 * (RecordSelfPrint: the decider knows whether this link is still the current one); only then does
 * the first byte leave. A download that cannot be recorded is not served; one that is recorded was
 * ready to stream. The bytes are the stored ones, untouched.
 */
export class SelfPrintDownloads {
  /** A link opened again skips the signature check (the token is verified once per process). */
  private readonly tokens: LinkTokenVerifier;

  constructor(private readonly deps: SelfPrintDownloadsDeps) {
    this.tokens = new LinkTokenVerifier('kk-self-print', deps.keys);
  }

  /**
   * Each application's stream as this process last saw it (its own last download, or a read): the
   * next download decides on it without reading the stream. Safe: the append expects that revision,
   * so anything written since (a revocation, a hand-over, a download by another replica) fails it and
   * the command reads the stream and decides again; a refusal is always judged on a fresh read
   * (handleCommand), and the visitor's answer then comes from a fresh load (open).
   * Bounded, oldest out first (Map order: an entry is moved to the end when used).
   */
  private readonly known = new Map<string, KnownApplication>();

  async open(token: string, correlationId: string): Promise<SelfPrintOutcome> {
    const check = this.tokens.verify(token, this.deps.clock.now());
    if (check.status !== 'valid') return { kind: 'refused', refusal: check.status };
    const { applicationId, linkId } = check.grant;
    const known = this.recall(applicationId);
    if (known) {
      const outcome = await this.serve(applicationId, linkId, correlationId, known);
      // A refusal after opening what this process knew may come from that being stale (a newer KK
      // signed since: the old object was opened, the decider refuses it): asked again on a fresh read.
      if (outcome.kind === 'pdf' || outcome.refusal === 'unavailable') return outcome;
    }
    return this.serve(applicationId, linkId, correlationId);
  }

  /** Opens the signed KK of the application as known (or as read now) and records the download; refusals forget what was known. */
  private async serve(applicationId: string, linkId: string, correlationId: string, known?: KnownApplication): Promise<SelfPrintOutcome> {
    let body: Readable | undefined;
    try {
      const commands = await this.deps.commands();
      // The stream, not a read model: the command is decided on it anyway, so one read serves both.
      const loaded = known ?? (await commands.load(applicationId));
      const signed = loaded.state.signedDocument;
      if (!signed) return { kind: 'refused', refusal: 'invalid' };
      body = await this.deps.storage().getObject(signedKkObjectKey(signed.documentId, signed.sha256));
      // A fresh id per download: every download is its own event, never a replay of an earlier one.
      const downloadId = randomUUID();
      const { after } = await commands.executeAsSystem(
        applicationId,
        // The decider confirms the KK opened is the one signed now, and the link is its current one.
        { type: 'RecordSelfPrint', data: { linkId, downloadId, served: { documentId: signed.documentId, sha256: signed.sha256 } } },
        SELF_PRINT_SYSTEM_USER,
        `self-print-download:${downloadId}`,
        correlationId,
        // Decided on the stream as known above: a write since then fails the append's revision and is read again.
        loaded,
      );
      this.remember(applicationId, after);
      return { kind: 'pdf', body, documentId: signed.documentId, downloadId };
    } catch (e) {
      this.known.delete(applicationId);
      body?.destroy();
      if (e instanceof DomainError) return { kind: 'refused', refusal: refusalOf(e.code) };
      this.deps.logger.error({ err: e, applicationId }, 'self-print download failed');
      return { kind: 'refused', refusal: 'unavailable' };
    }
  }

  private recall(applicationId: string): KnownApplication | undefined {
    const known = this.known.get(applicationId);
    if (known) {
      this.known.delete(applicationId);
      this.known.set(applicationId, known);
    }
    return known;
  }

  private remember(applicationId: string, known: KnownApplication): void {
    this.known.delete(applicationId);
    this.known.set(applicationId, known);
    if (this.known.size > KNOWN_APPLICATIONS) this.known.delete(this.known.keys().next().value!);
  }
}
