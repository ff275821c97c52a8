import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { Principal, RequestWithPrincipal, Role } from '@adminduk/auth';

/**
 * The "possible duplicate" flag (`duplicateOf`) names another application, often another family's:
 * it is for those who review applications, never for citizens or village officers (PDP: they may not
 * learn that someone else applied, nor that application's id).
 */
const SEES_DUPLICATES: ReadonlySet<Role> = new Set<Role>(['operator-kecamatan', 'auditor', 'admin']);

export function withDuplicateFlagFor<T extends object>(principal: Principal, view: T): T {
  if (SEES_DUPLICATES.has(principal.role) || !('duplicateOf' in view)) return view;
  const rest: Record<string, unknown> = { ...view };
  delete rest.duplicateOf;
  return rest as T;
}

/**
 * On every controller whose answers can carry the flag (command results, the queue's items, the
 * detail view, the history's PossibleDuplicateFlagged entry): removes it from the answer unless the
 * caller's role may see it.
 */
@Injectable()
export class DuplicateFlagInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
    return next.handle().pipe(map((body: unknown) => (principal ? answerFor(principal, body) : body)));
  }
}

function answerFor(principal: Principal, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || SEES_DUPLICATES.has(principal.role)) return body;
  const { items, entries } = body as { items?: unknown; entries?: unknown };
  if (Array.isArray(items)) return { ...body, items: items.map((i: object) => withDuplicateFlagFor(principal, i)) };
  if (Array.isArray(entries)) {
    // The flag's event names the other application: its entry stays (the chain has no gap), its data goes.
    return {
      ...body,
      entries: entries.map((e: { type?: string; data?: unknown }) =>
        e.type === 'PossibleDuplicateFlagged' ? { ...e, data: undefined } : e,
      ),
    };
  }
  return withDuplicateFlagFor(principal, body);
}
