import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, ROLES_KEY, type RequestWithPrincipal } from './decorators';
import { authUnavailable, forbidden, unauthorized } from './errors';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';
import type { Role } from './principal';

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');

interface HttpRequest extends RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/**
 * Global guard, deny by default: every route needs a valid bearer token unless marked `@Public()`,
 * and `@Roles(...)` narrows who may call it. Data scope (which kecamatan/desa/application) depends on
 * the data, so handlers check it with the functions in scope.ts and `assertScope`.
 * Non-HTTP handlers (e.g. NATS message patterns in a hybrid app) are refused unless `@Public()`:
 * commands carry their actor in the payload and are authorized by the receiving service.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (ctx.getType() !== 'http') throw forbidden('Akses hanya melalui HTTP dengan token.');

    const http = ctx.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw unauthorized('Token akses diperlukan.');
    }
    try {
      request.principal = await this.verifier.verify(token);
    } catch (e) {
      if (e instanceof InvalidTokenError) {
        response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw unauthorized(e.message);
      }
      throw authUnavailable();
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw forbidden('Peran Anda tidak diizinkan untuk tindakan ini.');
    }
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)\s*$/i);
  return match?.[1];
}
