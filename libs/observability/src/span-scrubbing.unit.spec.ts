import { SpanStatusCode } from '@opentelemetry/api';
import { scrubErrorText } from './redaction';
import { InMemorySpanExporter, startTracing, tracer, type Tracing } from './tracing';

const NIK = '3515124508900003';
const EMAIL = 'siti.aminah@example.co.id';
const PHONE = '081234567890';

describe('PersonalDataSpanProcessor: what any instrumentation recorded leaves the process scrubbed', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  beforeAll(() => (tracing = startTracing({ serviceName: 'scrub-test', exporter, env: {} })));
  afterAll(() => tracing.shutdown());

  it('judges paths and URLs, drops queries, masks values in attributes, events, status and name', () => {
    const span = tracer().startSpan(`GET /x/${NIK}`, {
      attributes: {
        'url.path': `/api/applications/${NIK}/documents/Siti%20Aminah`,
        'http.route': '/api/applications/:id/documents/:requirementId',
        'url.query': `nik=${NIK}&nama=Siti`,
        'url.full': `https://s3.example.go.id/bucket/${encodeURIComponent(EMAIL)}/scan.pdf?X-Amz-Signature=abc`,
        'db.query.text': `SELECT * FROM t WHERE nik = '${NIK}' OR phone = '${PHONE}'`,
        'user_agent.original': `curl (${EMAIL})`,
        'http.response.status_code': 200,
        'server.address': '127.0.0.1',
      },
    });
    span.recordException(new Error(`NIK ${NIK} sudah terdaftar, hubungi ${EMAIL}`));
    span.setStatus({ code: SpanStatusCode.ERROR, message: `gagal untuk ${NIK}` });
    span.end();

    const [done] = exporter.getFinishedSpans();
    expect(done.name).toBe('GET /x/[nik]');
    expect(done.attributes).toEqual({
      'url.path': '/api/applications/:id/documents/:requirementId',
      'http.route': '/api/applications/:id/documents/:requirementId',
      'url.full': 'https://s3.example.go.id/bucket/[email]/scan.pdf',
      'db.query.text': `SELECT * FROM t WHERE nik = '[nik]' OR phone = '[phone]'`,
      'user_agent.original': 'curl ([email])',
      'http.response.status_code': 200,
      'server.address': '127.0.0.1',
    });
    expect(done.status.message).toBe('gagal untuk [nik]');
    const text = JSON.stringify([done.name, done.attributes, done.events, done.status]);
    for (const value of [NIK, EMAIL, PHONE, 'Siti', 'siti.aminah']) expect(text).not.toContain(value);
    expect(done.events[0].attributes?.['exception.message']).toBe('NIK [nik] sudah terdaftar, hubungi [email]');
  });

  it('masks the values a database error repeats, keeps the identifiers it names', () => {
    expect(scrubErrorText('invalid input syntax for type date: "AISYAH PUTRI SANTOSO"')).toBe(
      'invalid input syntax for type date: "[redacted]"',
    );
    expect(scrubErrorText('value "99999999999" is out of range for type integer')).toBe(
      'value "[redacted]" is out of range for type integer',
    );
    expect(scrubErrorText('Key (nama_bayi)=(Aisyah Putri) already exists.')).toBe('Key (nama_bayi)=([redacted]) already exists.');
    expect(scrubErrorText('null value in column "nama" of relation "application_view" violates not-null constraint')).toBe(
      'null value in column "nama" of relation "application_view" violates not-null constraint',
    );

    const span = tracer().startSpan('pg.query:INSERT adminduk');
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'invalid input value for enum status: "Siti Aminah"' });
    span.end();
    const done = exporter.getFinishedSpans().find((s) => s.name === 'pg.query:INSERT adminduk')!;
    expect(done.status.message).toBe('invalid input value for enum status: "[redacted]"');
  });
});
