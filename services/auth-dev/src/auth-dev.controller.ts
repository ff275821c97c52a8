import { Body, Controller, Get, Header, HttpCode, Inject, Options, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiZodResponse, NoRateLimit, type ApiErrorBody } from '@adminduk/http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { issueAccessToken, type AuthDevOptions } from './access-token';
import { discoverySchema, demoUsersSchema, jwksSchema, tokenSchema } from './auth-dev.openapi';
import { DEMO_PASSWORD, findDemoUser, listDemoUsers } from './demo-users';

export const AUTH_DEV_OPTIONS = Symbol('AUTH_DEV_OPTIONS');

/**
 * LOCAL DEVELOPMENT issuer: OIDC discovery, JWKS, and a password grant for the demo users. It
 * shares nothing with production auth, which is any OIDC provider (e.g. Keycloak) publishing a JWKS.
 */
@ApiTags('Penerbit token pengembangan (auth-dev)')
@Controller()
@NoRateLimit() // a developer's own machine; the password grant is the demo login
export class AuthDevController {
  private readonly discovery: Record<string, unknown>;
  private readonly jwks: { keys: unknown[] };

  constructor(@Inject(AUTH_DEV_OPTIONS) private readonly options: AuthDevOptions) {
    const { issuer } = options;
    this.discovery = {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/token`,
      grant_types_supported: ['password'],
      response_types_supported: ['token'],
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
  @ApiOperation({ summary: 'Token akses untuk pengguna demo (JSON atau form; grant_type=password)' })
  @ApiZodResponse(200, tokenSchema)
  @Header('cache-control', 'no-store')
  async token(@Body() form: unknown) {
    const fields = (typeof form === 'object' && form !== null ? form : {}) as Record<string, unknown>;
    if (fields.grant_type !== undefined && fields.grant_type !== 'password')
      throw oauthError(400, 'unsupported_grant_type', 'Hanya grant_type=password.');
    const { username, password } = fields;
    if (typeof username !== 'string' || typeof password !== 'string')
      throw oauthError(400, 'invalid_request', 'username dan password wajib diisi.');
    const user = findDemoUser(username);
    if (!user || !samePassword(password, DEMO_PASSWORD)) {
      this.options.logger?.info({ outcome: 'refused' }, 'token request refused');
      throw oauthError(401, 'invalid_grant', 'Nama pengguna atau kata sandi salah.');
    }
    const accessToken = await issueAccessToken(user, this.options);
    this.options.logger?.info({ role: user.role, userId: user.userId }, 'token issued');
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.options.tokenTtlSeconds };
  }
}

/**
 * An error in the platform's one shape (decision 0009), which an OAuth 2.0 client reads as well
 * (RFC 6749 section 5.2): `error` is the OAuth error code and `error_description` repeats the message.
 */
function oauthError(status: number, error: string, message: string): ApiError {
  const body: ApiErrorBody & { error_description: string } = {
    statusCode: status,
    error,
    code: error.toUpperCase(),
    message,
    error_description: message,
  };
  return new ApiError(body);
}

function samePassword(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
