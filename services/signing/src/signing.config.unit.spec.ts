import { ConfigError } from '@adminduk/config';
import { loadSignerConfig } from './signing.config';

const base = {
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
    expect(config).toMatchObject({ SIGNER_KIND: 'pkcs12', SIGNER_P12_PATH: '.local/pki/signer.p12', SIGNING_AUTO: false, TRUSTED_CA_FILES: ['.local/pki/ca.crt.pem'] });
  });

  it('needs the provider settings for the remote signer', () => {
    const { config, lines } = load({ ...base, SIGNER_KIND: 'remote-tte' });
    expect(config).toBeNull();
    expect(lines[0]).toMatch(/TTE_BASE_URL is required when SIGNER_KIND=remote-tte/);
  });

  it('refuses auto-sign in production and with the remote signer', () => {
    expect(load({ ...base, SIGNING_AUTO: 'true', NODE_ENV: 'production' }).lines[0]).toMatch(/SIGNING_AUTO is for development only/);
    const remote = { ...base, SIGNER_KIND: 'remote-tte', TTE_BASE_URL: 'https://tte.example', TTE_CLIENT_ID: 'c', TTE_CLIENT_SECRET: 's', SIGNING_AUTO: 'true' };
    expect(load(remote).lines[0]).toMatch(/SIGNING_AUTO .*needs SIGNER_KIND=pkcs12/);
    expect(load({ ...base, SIGNING_AUTO: 'true' }).config?.SIGNING_AUTO).toBe(true);
  });
});
