import { Body, Controller, Get, Header, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse, NoRateLimit } from '@adminduk/http';
import type { Response } from 'express';
import type { AuthDevOptions } from '../access-token';
import { demoPasswordMatches, findDemoUser, listDemoUsers } from '../demo-users';
import { AUTH_DEV_OPTIONS } from '../options';
import { AuthorizationCodes, CODE_CHALLENGE } from './authorization-codes';
import { DEFAULT_CLIENT_ID, redirectAllowed } from './clients';
import { loginPage, refusalPage } from './login-page';

/** The parameters of an authorization request the login form carries back unchanged. */
const REQUEST_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method'];

type Checked = { request: Record<string, string> } | { page: string } | { redirect: string };

/**
 * The authorization endpoint (OIDC code flow, PKCE S256 only) with the development login page:
 * GET shows the page, POST checks the demo user and sends the browser back with a code. An unknown
 * client or an unregistered redirect URI gets a page, never a redirect.
 */
@ApiTags('Penerbit token pengembangan (auth-dev)')
@Controller('authorize')
@NoRateLimit()
export class AuthorizeController {
  constructor(
    @Inject(AUTH_DEV_OPTIONS) private readonly options: AuthDevOptions,
    private readonly codes: AuthorizationCodes,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Halaman masuk (authorization code + PKCE S256)' })
  @ApiFileResponse(200, ['text/html'], 'Halaman masuk')
  @Header('cache-control', 'no-store')
  show(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    const checked = this.check(query);
    if ('page' in checked) return void this.html(res, 400, checked.page);
    if ('redirect' in checked) return res.redirect(302, checked.redirect);
    this.html(res, 200, loginPage({ request: checked.request, users: listDemoUsers() }));
  }

  @Post()
  @ApiOperation({ summary: 'Kirim formulir masuk; kembali ke aplikasi dengan kode otorisasi' })
  @ApiFileResponse(302, ['text/html'], 'Kembali ke redirect_uri dengan code dan state')
  @Header('cache-control', 'no-store')
  submit(@Body() form: Record<string, unknown>, @Res() res: Response): void {
    const checked = this.check(form ?? {});
    if ('page' in checked) return void this.html(res, 400, checked.page);
    if ('redirect' in checked) return res.redirect(302, checked.redirect);
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const user = findDemoUser(username);
    if (!user || !demoPasswordMatches(password)) {
      this.options.logger?.info({ outcome: 'refused' }, 'login refused');
      const page = loginPage({
        request: checked.request,
        users: listDemoUsers(),
        username,
        problem: 'Nama pengguna atau kata sandi salah.',
      });
      return void this.html(res, 401, page);
    }
    const r = checked.request;
    const code = this.codes.issue({
      clientId: r.client_id,
      redirectUri: r.redirect_uri,
      codeChallenge: r.code_challenge,
      nonce: r.nonce || undefined,
      scope: r.scope || 'openid',
      username: user.username,
    });
    res.redirect(302, withParams(r.redirect_uri, { code, ...(r.state ? { state: r.state } : {}) }));
  }

  private check(input: Record<string, unknown>): Checked {
    const request: Record<string, string> = {};
    for (const f of REQUEST_FIELDS) if (typeof input[f] === 'string') request[f] = input[f] as string;
    const client = (this.options.clients ?? [{ clientId: DEFAULT_CLIENT_ID, redirectUris: [] }]).find(
      (c) => c.clientId === request.client_id,
    );
    if (!client) return { page: refusalPage('Aplikasi yang meminta Anda masuk tidak dikenal.') };
    if (!request.redirect_uri || !redirectAllowed(client, request.redirect_uri))
      return { page: refusalPage('Alamat kembali aplikasi tidak terdaftar.') };
    const back = (error: string, description: string) => ({
      redirect: withParams(request.redirect_uri, {
        error,
        error_description: description,
        ...(request.state ? { state: request.state } : {}),
      }),
    });
    if (request.response_type !== 'code') return back('unsupported_response_type', 'Hanya response_type=code.');
    if (request.code_challenge_method !== 'S256' || !CODE_CHALLENGE.test(request.code_challenge ?? ''))
      return back('invalid_request', 'PKCE wajib: code_challenge dengan code_challenge_method=S256.');
    return { request };
  }

  private html(res: Response, status: number, page: string): void {
    res.status(status);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.send(page);
  }
}

function withParams(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
