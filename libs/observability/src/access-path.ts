import { scrubString } from './redaction';

/**
 * The request path as a log line or a span may hold it. A path is attacker-chosen text: a careless
 * client puts an e-mail, a phone number, a NIK or a name in it, and percent-encoding (`%40`, `%20`,
 * `%2B62`, double-encoded `%2540`) hides them from a scrubber that reads the raw URL. So the path is
 * judged segment by segment AFTER decoding:
 *  - the query string and fragment are dropped (search terms such as a NIK or a name travel there);
 *  - a segment the value scrubber would mask (NIK/KK number, e-mail, phone) becomes the mask;
 *  - a segment is kept only if it looks like what the platform's own URLs are made of: lower-case
 *    ASCII letters, digits, `.`, `_`, `~`, `-` (route words, UUIDs, region codes, requirement ids);
 *    anything else (capitals, spaces, `@`, `+`, quotes, non-ASCII letters: how names and contact
 *    details look) becomes `[redacted]`;
 *  - when the router matched a route, its template says which segments are parameters: a parameter
 *    is kept only if it is shaped like an id (UUID, dotted code, hyphenated slug), else it is shown
 *    as `:name`. A bare lower-case word in a parameter (which could be a name) is never logged.
 */
export interface MatchedRoute {
  /** The router's template, e.g. `/api/applications/:id/documents/:requirementId`. */
  path: string;
}

export const REDACTED_SEGMENT = '[redacted]';

const SAFE_SEGMENT = /^[a-z0-9._~-]{1,100}$/;
const MASKS_ONLY = /^(?:[a-z0-9._~-]|\[(?:nik|email|phone)\])+$/;
const ID_LIKE = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, // UUID
  /^\d{1,4}(?:\.\d{1,4}){1,4}$/, // region codes: 35.15.12, 35.15.12.2004
  /^[a-z0-9]+(?:-[a-z0-9]+)+$/, // slugs and ids with hyphens: kartu-keluarga, tt-351512-000123
];

export function accessLogPath(url: string | undefined, route?: MatchedRoute): string {
  const raw = (url ?? '/').split(/[?#]/, 1)[0];
  const segments = raw.split('/');
  const template = route?.path.split('/');
  const parts = template && template.length === segments.length ? template : undefined;
  return segments.map((segment, i) => pathSegment(segment, parts?.[i])).join('/') || '/';
}

/** One segment as logged; `part`: the matched route's template at its place, if any. */
function pathSegment(segment: string, part?: string): string {
  if (part === undefined) return safeSegment(segment);
  if (part.startsWith(':')) {
    // Not id-shaped as typed and not percent-encoded: it cannot become id-shaped, so the
    // parameter's name is logged without scrubbing it first (a long token would cost the scrubber's regexes).
    if (!segment.includes('%') && !ID_LIKE.some((re) => re.test(segment))) return part;
    const safe = safeSegment(segment);
    return ID_LIKE.some((re) => re.test(safe)) ? safe : part;
  }
  // A literal of the route: the platform's own word.
  return /^[A-Za-z0-9._~-]*$/.test(part) ? part : safeSegment(segment);
}

function safeSegment(segment: string): string {
  if (segment === '') return segment;
  const decoded = decodeFully(segment);
  if (decoded === null) return REDACTED_SEGMENT;
  const scrubbed = scrubString(decoded);
  if (scrubbed !== decoded) return MASKS_ONLY.test(scrubbed) ? scrubbed : REDACTED_SEGMENT;
  return SAFE_SEGMENT.test(decoded) ? decoded : REDACTED_SEGMENT;
}

/** Decodes until stable (double encoding hides `@` as `%2540`); null when malformed. */
function decodeFully(segment: string): string | null {
  let current = segment;
  for (let round = 0; round < 4 && current.includes('%'); round++) {
    try {
      const next = decodeURIComponent(current);
      if (next === current) break;
      current = next;
    } catch {
      return null;
    }
  }
  return current;
}
