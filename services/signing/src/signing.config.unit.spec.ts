import { ConfigError } from '@adminduk/config';
import { loadSignerConfig } from './signing.config';

const base = {
  ADMINDUK_ENV: 'test',
  PUBLIC_BASE_URL: 'https://layanan.example.go.id',
  DOCUMENT_ID_SECRET: 'a-secret-of-enough-length',
  KEPALA_DINAS_NAMA: 'DRS. CONTOH PEJABAT',
  KEPALA_DINAS_NIP: '197001011990031001',
};

const load = (env: Record<string, string>) => {
  const lines: string[] = [];
  try {
    return { config: loadSignerConfig(env, { exit: (() => undefined) as never, write: (l) => lines.push(l) }), lines };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { config: null, lines };
  }
};

describe('signer configuration', () => {
  it('defaults to the local PKCS#12 from infra/dev-pki.sh', () => {
    const { config } = load(base);
    expect(config).toMatchObject({
      SIGNER_KIND: 'pkcs12',
      SIGNER_P12_PATH: '.local/pki/signer.p12',
      SIGNING_AUTO: false,
      SIGNING_AUTO_CONCURRENCY: 8,
      TRUSTED_CA_FILES: ['.local/pki/ca.crt.pem'],
    });
  });

  it('signs SIGNING_AUTO_CONCURRENCY applications at once, a positive number', () => {
    expect(load({ ...base, SIGNING_AUTO_CONCURRENCY: '2' }).config?.SIGNING_AUTO_CONCURRENCY).toBe(2);
    expect(load({ ...base, SIGNING_AUTO_CONCURRENCY: '0' }).config).toBeNull();
  });

  it('needs the provider settings for the remote signer', () => {
    const { config, lines } = load({ ...base, SIGNER_KIND: 'remote-tte' });
    expect(config).toBeNull();
    expect(lines[0]).toMatch(/TTE_BASE_URL is required when SIGNER_KIND=remote-tte/);
  });

  it('refuses auto-sign outside development and test, and with the remote signer', () => {
    const production = {
      ...base,
      ADMINDUK_ENV: 'production',
      SIGNER_P12_PATH: '/etc/adminduk/signer.p12',
      SIGNER_P12_PASSPHRASE_FILE: '/run/secrets/p12',
      TRUSTED_CA_FILES: '/etc/adminduk/ca.pem',
    };
    expect(load({ ...production, SIGNING_AUTO: 'true' }).lines).toEqual([
      'config error: SIGNING_AUTO is for development and test only; a penandatangan must approve in production',
    ]);
    expect(load({ ...base, ADMINDUK_ENV: 'prod', SIGNING_AUTO: 'true' }).lines).toEqual([
      'config error: ADMINDUK_ENV must be one of development, test, production',
    ]);
    expect(load({ ...base, ADMINDUK_ENV: undefined as never, NODE_ENV: 'development', SIGNING_AUTO: 'true' }).lines).toEqual([
      'config error: ADMINDUK_ENV is required',
    ]);
    const remote = {
      ...base,
      SIGNER_KIND: 'remote-tte',
      TTE_BASE_URL: 'https://tte.example',
      TTE_CLIENT_ID: 'c',
      TTE_CLIENT_SECRET: 's',
      SIGNING_AUTO: 'true',
    };
    expect(load(remote).lines[0]).toMatch(/SIGNING_AUTO .*needs SIGNER_KIND=pkcs12/);
    expect(load({ ...base, SIGNING_AUTO: 'true' }).config?.SIGNING_AUTO).toBe(true);
    expect(load({ ...base, ADMINDUK_ENV: 'development', SIGNING_AUTO: 'true' }).config?.SIGNING_AUTO).toBe(true);
    expect(load(production).config).toMatchObject({ ADMINDUK_ENV: 'production', SIGNING_AUTO: false });
  });

  it('refuses the development PKI in production', () => {
    expect(load({ ...base, ADMINDUK_ENV: 'production' }).lines).toEqual([
      'config error: TRUSTED_CA_FILES must not be the development PKI (.local/pki/, infra/dev-pki.sh) in production; ' +
        'SIGNER_P12_PATH must not be the development PKI (.local/pki/, infra/dev-pki.sh) in production; ' +
        'SIGNER_P12_PASSPHRASE_FILE must not be the development PKI (.local/pki/, infra/dev-pki.sh) in production',
    ]);
    const remote = {
      ...base,
      ADMINDUK_ENV: 'production',
      SIGNER_KIND: 'remote-tte',
      TTE_BASE_URL: 'https://tte.example',
      TTE_CLIENT_ID: 'c',
      TTE_CLIENT_SECRET: 's',
    };
    expect(load({ ...remote, TRUSTED_CA_FILES: '/srv/app/.local/pki/ca.crt.pem' }).lines).toEqual([
      'config error: TRUSTED_CA_FILES must not be the development PKI (.local/pki/, infra/dev-pki.sh) in production',
    ]);
    expect(load({ ...remote, TRUSTED_CA_FILES: '/etc/adminduk/bsre-root.pem' }).config).toMatchObject({ SIGNER_KIND: 'remote-tte' });
  });
});
