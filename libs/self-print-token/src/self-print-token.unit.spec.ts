import { randomUUID } from 'node:crypto';
import {
  DEV_SELF_PRINT_PUBLIC_KEY,
  DEV_SELF_PRINT_SEED,
  selfPrintKeyProblems,
  selfPrintPublicKeyOf,
  selfPrintSigningKey,
  selfPrintUrl,
  selfPrintVerifierEnv,
  selfPrintVerifyKey,
  signLinkToken,
  signSelfPrintToken,
  surveyUrl,
  verifyLinkToken,
  verifySelfPrintToken,
} from './index';

const seedB = Buffer.alloc(32, 7).toString('base64url');
const signer = selfPrintSigningKey(DEV_SELF_PRINT_SEED);
const verifier = selfPrintVerifyKey(DEV_SELF_PRINT_PUBLIC_KEY);
const now = new Date('2026-03-02T05:00:00Z');
const grant = { applicationId: randomUUID(), linkId: randomUUID(), expiresAt: new Date('2026-03-09T05:00:00Z') };

describe('self-print token', () => {
  it('round-trips the grant, is URL-safe, short and deterministic', () => {
    const token = signSelfPrintToken(grant, signer);
    expect(token).toMatch(/^[A-Za-z0-9_-]{147}$/);
    expect(signSelfPrintToken(grant, signer)).toBe(token);
    expect(verifySelfPrintToken(token, [verifier], now)).toEqual({ status: 'valid', grant });
  });

  it('is expired from its expiry on, still naming its link', () => {
    const token = signSelfPrintToken(grant, signer);
    expect(verifySelfPrintToken(token, [verifier], grant.expiresAt)).toEqual({ status: 'expired', grant });
  });

  it('is invalid when any character changes, is added or removed', () => {
    const token = signSelfPrintToken(grant, signer);
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      expect(verifySelfPrintToken(token.slice(0, i) + c + token.slice(i + 1), [verifier], now).status).toBe('invalid');
    }
    expect(verifySelfPrintToken(`${token}A`, [verifier], now).status).toBe('invalid');
    expect(verifySelfPrintToken(token.slice(0, -1), [verifier], now).status).toBe('invalid');
    for (const junk of ['', 'x', '../../etc/passwd', 'a'.repeat(5000), 42, null, undefined])
      expect(verifySelfPrintToken(junk, [verifier], now).status).toBe('invalid');
  });

  it('is invalid under another key; a rotation accepts the old and the new key', () => {
    const other = selfPrintSigningKey(seedB);
    const token = signSelfPrintToken(grant, other);
    expect(verifySelfPrintToken(token, [verifier], now).status).toBe('invalid');
    const rotated = [selfPrintVerifyKey(selfPrintPublicKeyOf(seedB)), verifier];
    expect(verifySelfPrintToken(token, rotated, now).status).toBe('valid');
    expect(verifySelfPrintToken(signSelfPrintToken(grant, signer), rotated, now).status).toBe('valid');
  });

  it('refuses ids that are not UUIDs when signing', () => {
    expect(() => signSelfPrintToken({ ...grant, linkId: 'link-1' }, signer)).toThrow(RangeError);
  });

  it('builds the route on the public base URL', () => {
    expect(selfPrintUrl('https://layanan.example.go.id/', 'abc')).toBe('https://layanan.example.go.id/cetak/abc');
    expect(surveyUrl('https://layanan.example.go.id/', 'abc')).toBe('https://layanan.example.go.id/survei/abc');
  });

  it('is single-purpose: a survey token never opens a self-print link, nor the reverse', () => {
    const survey = signLinkToken('ikm-survey', grant, signer);
    expect(verifyLinkToken('ikm-survey', survey, [verifier], now)).toEqual({ status: 'valid', grant });
    expect(verifySelfPrintToken(survey, [verifier], now).status).toBe('invalid');
    expect(verifyLinkToken('ikm-survey', signSelfPrintToken(grant, signer), [verifier], now).status).toBe('invalid');
  });
});

describe('self-print key configuration', () => {
  it('defaults to the development key, which production refuses on either side', () => {
    const config = selfPrintVerifierEnv.parse({});
    expect(config.SELF_PRINT_PUBLIC_KEYS).toEqual([DEV_SELF_PRINT_PUBLIC_KEY]);
    expect(config.SELF_PRINT_LINK_VALIDITY_HOURS).toBe(168);
    expect(selfPrintKeyProblems('development', { seed: DEV_SELF_PRINT_SEED, publicKeys: config.SELF_PRINT_PUBLIC_KEYS })).toEqual([]);
    expect(selfPrintKeyProblems('production', { seed: DEV_SELF_PRINT_SEED, publicKeys: config.SELF_PRINT_PUBLIC_KEYS })).toHaveLength(2);
    expect(selfPrintKeyProblems('production', { seed: seedB, publicKeys: [selfPrintPublicKeyOf(seedB)] })).toEqual([]);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(selfPrintVerifierEnv.safeParse({ SELF_PRINT_PUBLIC_KEYS: 'abc' }).success).toBe(false);
  });
});
