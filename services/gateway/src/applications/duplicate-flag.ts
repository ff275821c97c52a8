import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { Response } from 'express';
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
 * On every route whose answers can carry the flag (command results, the queue's items, the detail
 * view, the history's PossibleDuplicateFlagged entry; GatewayModule applies it to the two
 * application controllers): removes it from the JSON answer unless the caller's role may see it.
 * The answer is filtered where it is written (`res.json`, which Nest uses for every object a
 * handler returns) rather than by a Nest interceptor: an interceptor's chain cost 0.3-0.6 ms of CPU
 * per request (a service-bootstrapped endpoint with and without one, alternated in one process).
 */
@Injectable()
export class DuplicateFlagMiddleware implements NestMiddleware {
  use(req: RequestWithPrincipal, res: Response, next: () => void): void {
    const json = res.json;
    res.json = function (this: Response, body?: unknown) {
      // The principal is set by AuthGuard, after this middleware and before any answer.
      return json.call(this, req.principal ? answerFor(req.principal, body) : body);
    };
    next();
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
