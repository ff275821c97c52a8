import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './principal';

export const IS_PUBLIC = 'adminduk:auth:public';
export const ROLES_KEY = 'adminduk:auth:roles';

/** Opts a route (or controller) out of authentication: health checks, public verification pages. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route (or controller) to these roles; a method-level list overrides the class's. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface RequestWithPrincipal {
  principal?: Principal;
}

/** The verified caller of the current request (set by `AuthGuard`). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  // Only reachable on a @Public() route, where asking for the caller is a programming error.
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
