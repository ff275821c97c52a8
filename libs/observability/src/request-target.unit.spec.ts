import { diag } from '@opentelemetry/api';
// The instrumentation's own parser of request options (every outgoing request goes through it).
import { getRequestInfo } from '@opentelemetry/instrumentation-http/build/src/utils';
import { requestTarget } from './request-target';

describe('requestTarget', () => {
  it('names the server so the HTTP instrumentation parses the request as it is, port included', () => {
    for (const url of ['http://127.0.0.1:9000', 'https://minio.example', 'http://gateway.adminduk.svc:3000']) {
      const info = getRequestInfo(diag, { ...requestTarget(new URL(url)), path: '/api/x?y=1' });
      // Named by `hostname` and a port, the origin was "http://127.0.0.19000": it threw, and the path fell back to "/".
      expect(info.pathname).toBe('/api/x');
      expect(info.invalidUrl).toBe(false);
    }
    expect(getRequestInfo(diag, { hostname: '127.0.0.1', port: '9000', path: '/api/x' }).pathname).toBe('/');
  });

  it('gives node:http an IPv6 address without its URL brackets and no port for the default one', () => {
    expect(requestTarget(new URL('http://[::1]:9000/x'))).toEqual({ protocol: 'http:', host: '::1', port: '9000' });
    expect(requestTarget(new URL('https://minio.example/'))).toEqual({ protocol: 'https:', host: 'minio.example', port: undefined });
  });
});
