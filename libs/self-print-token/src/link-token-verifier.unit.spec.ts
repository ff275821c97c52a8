import { randomUUID } from 'node:crypto';
import {
  DEV_SELF_PRINT_PUBLIC_KEY,
  DEV_SELF_PRINT_SEED,
  LinkTokenVerifier,
  selfPrintSigningKey,
  selfPrintVerifyKey,
  signLinkToken,
  signSelfPrintToken,
} from './index';

const signer = selfPrintSigningKey(DEV_SELF_PRINT_SEED);
const now = new Date('2026-03-02T05:00:00Z');
const expiresAt = new Date('2026-03-09T05:00:00Z');
const grantOf = () => ({ applicationId: randomUUID(), linkId: randomUUID(), expiresAt });

describe('LinkTokenVerifier (verifyLinkToken, accepted signatures remembered)', () => {
  it('answers as verifyLinkToken: valid, expired from the expiry on (also once remembered), invalid when altered', () => {
    const verifier = new LinkTokenVerifier('kk-self-print', [selfPrintVerifyKey(DEV_SELF_PRINT_PUBLIC_KEY)]);
    const grant = grantOf();
    const token = signSelfPrintToken(grant, signer);
    expect(verifier.verify(token, now)).toEqual({ status: 'valid', grant });
    expect(verifier.verify(token, now)).toEqual({ status: 'valid', grant });
    expect(verifier.verify(token, expiresAt)).toEqual({ status: 'expired', grant });
    const altered = token.slice(0, 40) + (token[40] === 'A' ? 'B' : 'A') + token.slice(41);
    expect(verifier.verify(altered, now)).toEqual({ status: 'invalid' });
    expect(verifier.verify(signLinkToken('ikm-survey', grant, signer), now)).toEqual({ status: 'invalid' });
    expect(verifier.verify(42, now)).toEqual({ status: 'invalid' });
  });

  it('a remembered token is not checked again; one pushed out (capacity) or never accepted is', () => {
    const keys = [selfPrintVerifyKey(DEV_SELF_PRINT_PUBLIC_KEY)];
    const verifier = new LinkTokenVerifier('kk-self-print', keys, 2);
    const [a, b, c] = [grantOf(), grantOf(), grantOf()].map((g) => signSelfPrintToken(g, signer));
    for (const t of [a, b, c]) expect(verifier.verify(t, now).status).toBe('valid');
    keys.length = 0; // from now on a signature check fails: only what is remembered passes
    expect(verifier.verify(c, now).status).toBe('valid');
    expect(verifier.verify(b, now).status).toBe('valid');
    expect(verifier.verify(a, now).status).toBe('invalid'); // the oldest, pushed out by c
  });
});
