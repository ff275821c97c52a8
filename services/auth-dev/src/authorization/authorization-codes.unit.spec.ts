import { AuthorizationCodes, s256, verifierMatches } from './authorization-codes';

const grant = {
  clientId: 'c',
  redirectUri: 'http://127.0.0.1/x',
  codeChallenge: s256('v'.repeat(43)),
  scope: 'openid',
  username: 'auditor',
};

describe('authorization codes', () => {
  it('are single-use', () => {
    const codes = new AuthorizationCodes(60_000);
    const code = codes.issue(grant);
    expect(codes.redeem(code)).toEqual(grant);
    expect(codes.redeem(code)).toBeUndefined();
  });

  it('expire after their lifetime', () => {
    let now = 1_000;
    const codes = new AuthorizationCodes(60_000, () => now);
    const code = codes.issue(grant);
    now += 60_000;
    expect(codes.redeem(code)).toBeUndefined();
  });

  it('match only the verifier whose S256 hash is the challenge (RFC 7636 appendix B)', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(verifierMatches('v'.repeat(43), grant.codeChallenge)).toBe(true);
    expect(verifierMatches('w'.repeat(43), grant.codeChallenge)).toBe(false);
  });
});
