import { readFileSync } from 'node:fs';
import { Pkcs12Signer, RemoteTteSigner, type PdfSigner } from '@adminduk/kk-document';
import type { SignerConfig } from './signing.config';

/** Builds the configured signer adapter; the PKCS#12 is opened (and its passphrase checked) at start-up. */
export function signerFromConfig(config: SignerConfig): PdfSigner {
  const trusted = config.TRUSTED_CA_FILES.map((f) => readFileSync(f, 'utf8'));
  if (config.SIGNER_KIND === 'remote-tte') {
    return new RemoteTteSigner({
      baseUrl: config.TTE_BASE_URL!,
      clientId: config.TTE_CLIENT_ID!,
      clientSecret: config.TTE_CLIENT_SECRET!,
      mode: config.TTE_MODE,
      timeoutMs: config.TTE_TIMEOUT_MS,
      trustedCertificates: trusted,
    });
  }
  const passphrase = readFileSync(config.SIGNER_P12_PASSPHRASE_FILE, 'utf8').trim();
  return Pkcs12Signer.fromFile(config.SIGNER_P12_PATH, passphrase);
}
