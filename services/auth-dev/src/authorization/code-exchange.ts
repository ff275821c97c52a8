import { Inject, Injectable } from '@nestjs/common';
import { issueAccessToken, issueIdToken, type AuthDevOptions } from '../access-token';
import { findDemoUser } from '../demo-users';
import { oauthError } from '../oauth-error';
import { AUTH_DEV_OPTIONS } from '../options';
import { AuthorizationCodes, CODE_VERIFIER, verifierMatches } from './authorization-codes';

/**
 * grant_type=authorization_code (RFC 6749 section 4.1.3 with PKCE, RFC 7636 section 4.6): the code
 * is redeemed once, for the client and redirect URI it was issued to, by the verifier whose S256
 * hash is the challenge of the authorization request. Every refusal is `invalid_grant` (400).
 */
@Injectable()
export class CodeExchange {
  constructor(
    @Inject(AUTH_DEV_OPTIONS) private readonly options: AuthDevOptions,
    private readonly codes: AuthorizationCodes,
  ) {}

  async exchange(fields: Record<string, unknown>) {
    const { code, redirect_uri, client_id, code_verifier } = fields;
    if (typeof code !== 'string' || typeof redirect_uri !== 'string' || typeof client_id !== 'string' || typeof code_verifier !== 'string')
      throw oauthError(400, 'invalid_request', 'code, redirect_uri, client_id dan code_verifier wajib diisi.');
    const grant = this.codes.redeem(code);
    if (!grant) return this.refuse('code', 'Kode otorisasi tidak berlaku: kedaluwarsa atau sudah dipakai.');
    if (grant.clientId !== client_id || grant.redirectUri !== redirect_uri)
      return this.refuse('client', 'Kode otorisasi bukan untuk aplikasi atau alamat kembali ini.');
    if (!CODE_VERIFIER.test(code_verifier) || !verifierMatches(code_verifier, grant.codeChallenge))
      return this.refuse('verifier', 'code_verifier tidak cocok dengan code_challenge.');
    const user = findDemoUser(grant.username);
    if (!user) return this.refuse('user', 'Pengguna tidak dikenal.');
    const [accessToken, idToken] = await Promise.all([
      issueAccessToken(user, this.options),
      issueIdToken(user, this.options, { clientId: grant.clientId, nonce: grant.nonce }),
    ]);
    this.options.logger?.info({ role: user.role, userId: user.userId, grant: 'authorization_code' }, 'token issued');
    return {
      access_token: accessToken,
      id_token: idToken,
      token_type: 'Bearer' as const,
      expires_in: this.options.tokenTtlSeconds,
      scope: grant.scope,
    };
  }

  private refuse(reason: string, message: string): never {
    this.options.logger?.info({ outcome: 'refused', grant: 'authorization_code', reason }, 'token request refused');
    throw oauthError(400, 'invalid_grant', message);
  }
}
