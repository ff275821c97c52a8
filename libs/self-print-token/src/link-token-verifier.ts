import { verifyLinkToken, type LinkPurpose, type SelfPrintGrant, type SelfPrintTokenCheck } from './self-print-token';
import type { SelfPrintVerifyKey } from './self-print-key';

/**
 * verifyLinkToken for one purpose and the configured keys, remembering the tokens whose signature it
 * accepted (bounded, oldest out): a link opened again (a family downloading a second time, a retry)
 * skips the Ed25519 check, a pure function of the token and the keys. Expiry is judged against the
 * clock on every call. Only verified tokens are kept, so an altered or unknown token always pays the check.
 */
export class LinkTokenVerifier {
  private readonly accepted = new Map<string, SelfPrintGrant>();

  constructor(
    private readonly purpose: LinkPurpose,
    private readonly keys: readonly SelfPrintVerifyKey[],
    private readonly capacity = 2_000,
  ) {}

  verify(token: unknown, now: Date): SelfPrintTokenCheck {
    const grant = typeof token === 'string' ? this.accepted.get(token) : undefined;
    if (!grant) {
      const check = verifyLinkToken(this.purpose, token, this.keys, now);
      if (check.status !== 'invalid') this.remember(token as string, check.grant);
      return check;
    }
    return grant.expiresAt.getTime() <= now.getTime() ? { status: 'expired', grant } : { status: 'valid', grant };
  }

  private remember(token: string, grant: SelfPrintGrant): void {
    this.accepted.set(token, grant);
    if (this.accepted.size > this.capacity) this.accepted.delete(this.accepted.keys().next().value!);
  }
}
