import { Body, Controller, Get, Header, HttpCode, Inject, Options, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiZodResponse, NoRateLimit } from '@adminduk/http';
import { issueAccessToken, type AuthDevOptions } from './access-token';
import { discoverySchema, demoUsersSchema, jwksSchema, tokenSchema } from './auth-dev.openapi';
import { CodeExchange } from './authorization/code-exchange';
import { demoPasswordMatches, findDemoUser, listDemoUsers } from './demo-users';
import { oauthError } from './oauth-error';

import { AUTH_DEV_OPTIONS } from './options';

/**
 * LOCAL DEVELOPMENT issuer: OIDC discovery, JWKS, the authorization code grant with PKCE (the
 * login page is authorization/authorize.controller.ts) and a password grant for the demo users. It
 * shares nothing with production auth, which is any OIDC provider (e.g. Keycloak) publishing a JWKS.
 */
@ApiTags('Penerbit token pengembangan (auth-dev)')
@Controller()
@NoRateLimit() // a developer's own machine; the password grant is the demo login
export class AuthDevController {
  private readonly discovery: Record<string, unknown>;
  private readonly jwks: { keys: unknown[] };

  constructor(
    @Inject(AUTH_DEV_OPTIONS) private readonly options: AuthDevOptions,
    private readonly codeExchange: CodeExchange,
  ) {
    const { issuer } = options;
    this.discovery = {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      grant_types_supported: ['authorization_code', 'password'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'profile'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['none'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'role', 'kecamatan', 'desa', 'nik', 'name', 'preferred_username'],
    };
    this.jwks = { keys: [options.signingKey.publicJwk] };
  }

  @Get('.well-known/openid-configuration')
  @ApiOperation({ summary: 'Dokumen discovery OIDC' })
  @ApiZodResponse(200, discoverySchema)
  @Header('cache-control', 'public, max-age=300')
  openidConfiguration() {
    return this.discovery;
  }

  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: 'Kunci publik penanda tangan token (JWKS)' })
  @ApiZodResponse(200, jwksSchema)
  @Header('cache-control', 'public, max-age=300')
  jwksDocument() {
    return this.jwks;
  }

  @Get('demo-users')
  @ApiOperation({ summary: 'Pengguna demo (hanya pengembangan)' })
  @ApiZodResponse(200, demoUsersSchema)
  demoUsers() {
    return listDemoUsers().map(({ username, role, kecamatan, desa, description }) => ({ username, role, kecamatan, desa, description }));
  }

  /** The browser's preflight: the web UI of a developer runs on another port. */
  @Options('token')
  @HttpCode(204)
  @ApiOperation({ summary: 'Preflight CORS' })
  @ApiResponse({ status: 204, description: 'Tanpa isi' })
  preflight(): void {}

  /** JSON or form-encoded (the OAuth 2.0 password grant is form-encoded). */
  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Token akses untuk pengguna demo (form: grant_type=authorization_code dengan code_verifier, atau password; JSON: password)',
  })
  @ApiZodResponse(200, tokenSchema)
  @Header('cache-control', 'no-store')
  async token(@Body() form: unknown) {
    const fields = (typeof form === 'object' && form !== null ? form : {}) as Record<string, unknown>;
    if (fields.grant_type === 'authorization_code') return this.codeExchange.exchange(fields);
    if (fields.grant_type !== undefined && fields.grant_type !== 'password')
      throw oauthError(400, 'unsupported_grant_type', 'Hanya grant_type=authorization_code atau password.');
    const { username, password } = fields;
    if (typeof username !== 'string' || typeof password !== 'string')
      throw oauthError(400, 'invalid_request', 'username dan password wajib diisi.');
    const user = findDemoUser(username);
    if (!user || !demoPasswordMatches(password)) {
      this.options.logger?.info({ outcome: 'refused' }, 'token request refused');
      throw oauthError(401, 'invalid_grant', 'Nama pengguna atau kata sandi salah.');
    }
    const accessToken = await issueAccessToken(user, this.options);
    this.options.logger?.info({ role: user.role, userId: user.userId }, 'token issued');
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.options.tokenTtlSeconds };
  }
}
