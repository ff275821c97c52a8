import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// One style of error code (docs/architecture.md, "Errors"): every code a refusal or an API error
// carries is SCREAMING_SNAKE_CASE. Read from the production sources, where codes are written.
const root = path.resolve(__dirname, '../..');
const testOnly = /\.spec\.ts$|\/testing\/|\.testing\.ts$|\.bench\.ts$|\.fixture\.ts$/;
const sources = ['libs', 'services'].flatMap((kind) =>
  readdirSync(path.join(root, kind)).flatMap((pkg) => {
    const src = path.join(root, kind, pkg, 'src');
    try {
      return readdirSync(src, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !testOnly.test(`/${f}`))
        .map((f) => path.join(src, f));
    } catch {
      return [];
    }
  }),
);

const CODE_SITES = [
  // The domain's refusals: invalid/forbidden/notFound/conflict(code, message) (libs/auth's own
  // forbidden(message) takes no code).
  /(?<![.\w])(?:invalid|forbidden|notFound|conflict)\(\s*'([^']+)'\s*,/g,
  // The API's errors: apiError(status, code, ...) and ApiError.x(message, [errors,] code).
  /\bapiError\(\s*\d+\s*,\s*'([^']+)'/g,
  /\bApiError\.(?:forbidden|notFound|conflict)\(\s*(?:'[^']*'|`[^`]*`)\s*,\s*'([^']+)'\)/g,
  /\bApiError\.badRequest\([^;]*?,\s*\[[^\]]*\]\s*,\s*'([^']+)'\)/g,
  // Field issues and error objects: { ..., code: '...' }, fail(code, ...), issue(field, code, ...).
  /\bcode:\s*'([^']+)'(?!\s+in\b)/g,
  /\bfail\(\s*'([^']+)'/g,
  /\bissue\([^,()]+,\s*'([^']+)'/g,
];
const STATUS_WORDS = new Set(['submitted', 'verified', 'returned', 'signed', 'correction-requested']);

describe('error codes', () => {
  it('are SCREAMING_SNAKE_CASE wherever a refusal or an API error is written', () => {
    const offenders: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const site of CODE_SITES) {
        for (const m of text.matchAll(site)) {
          const code = m[1];
          // zod's own issue code, and status codes of a read model (not errors).
          if (code === 'custom' || STATUS_WORDS.has(code)) continue;
          if (!/^[A-Z][A-Z0-9_]*$/.test(code)) offenders.push(`${path.relative(root, file)}: ${code}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
