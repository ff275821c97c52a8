import { everyServiceUrl, startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';

/**
 * Issue 9, item 7: personal data a client puts in a URL (path or query), percent-encoded in any
 * way, never reaches an access log line, on any service.
 */
const PERSON = { email: 'siti.aminah@example.co.id', phone: '+62 812-3456-7890', nik: '3515124508900003', name: 'Siti Aminah Rahmawati' };
/** What must not appear in any log line: each value and its telling parts. */
const FRAGMENTS = [
  PERSON.email,
  'siti.aminah',
  'example.co.id',
  '812-3456',
  '3456',
  '7890',
  PERSON.nik,
  'Siti',
  'Aminah',
  'aminah',
  'Rahmawati',
];

const everyByte = (v: string) => [...Buffer.from(v)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const encodings = (v: string) => [encodeURIComponent(v), encodeURIComponent(encodeURIComponent(v)), everyByte(v)];

describe('access logs never hold personal data from the URL', () => {
  let platform: InProcessPlatform;
  let urls: Record<string, string>;
  let operator: string;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ documents: true, signing: {} });
    operator = await platform.token('operator.balongbendo');
    urls = everyServiceUrl(platform);
  });
  afterAll(() => platform?.close());

  it('percent-encoded e-mail, phone, NIK and name in the path and the query: on every service', async () => {
    const services = ['gateway', 'documents', 'signing', 'intake', 'verification', 'projections'] as const;
    const paths: string[] = [];
    for (const value of Object.values(PERSON)) {
      for (const e of encodings(value)) {
        const query = `?q=${e}&nik=${PERSON.nik}&nama=${encodeURIComponent(PERSON.name)}&email=${e}`;
        // Unknown routes, and routes with parameters (the application id, the requirement, the document id).
        paths.push(
          `/api/${e}${query}`,
          `/api/applications/${e}${query}`,
          `/api/applications/${e}/documents/${e}${query}`,
          `/verifikasi/${e}${query}`,
          `/api/public/verifikasi/${e}`,
        );
      }
    }
    const before = platform.logLines.length;
    for (const service of services) {
      for (const path of paths) {
        for (const method of ['GET', 'POST']) {
          const res = await fetch(`${urls[service]}${path}`, {
            method,
            headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
            body: method === 'POST' ? '{}' : undefined,
          });
          await res.arrayBuffer();
        }
      }
    }

    const access = (service: string) =>
      platform.logLines
        .slice(before)
        .map((l) => JSON.parse(l))
        .filter((l) => l.service === service && l.msg === 'request completed');
    // Access lines are written when a response finishes; wait for the last ones.
    for (let i = 0; i < 50 && services.some((s) => access(s).length < paths.length * 2); i++) await new Promise((r) => setTimeout(r, 100));
    for (const service of services) expect({ service, lines: access(service).length }).toEqual({ service, lines: paths.length * 2 });

    // The text a line carries, not its generated ids and numbers (a trace id or a duration may hold "7890").
    const texts = (v: unknown): string[] =>
      typeof v === 'string'
        ? [v]
        : Array.isArray(v)
          ? v.flatMap(texts)
          : v && typeof v === 'object'
            ? Object.entries(v).flatMap(([k, x]) => (['trace_id', 'span_id', 'time'].includes(k) ? [] : [k, ...texts(x)]))
            : [];
    const leaks = platform.logLines
      .slice(before)
      .flatMap((line) =>
        FRAGMENTS.filter((f) => texts(JSON.parse(line)).some((t) => t.includes(f))).map((f) => `${f} in ${line.slice(0, 300)}`),
      );
    expect(leaks).toEqual([]);
    // The paths still say what was asked for, with the personal part masked.
    const logged = access('gateway').map((l) => l.http.path as string);
    expect(logged).toContain('/api/applications/[email]');
    expect(logged).toContain('/api/[redacted]');
    expect(logged).toContain('/api/applications/:id');
  });
});
