import { isDevelopmentOrTest, positiveInt, z, type AdmindukEnv } from '@adminduk/config';
import { DEV_SELF_PRINT_PUBLIC_KEY, DEV_SELF_PRINT_SEED, selfPrintVerifyKey, type SelfPrintVerifyKey } from './self-print-key';

/**
 * How long a self-print link works: 7 days. Long enough for a family to reach a printer (a week
 * covers a weekend and a trip to a warnet or the desa office) and to ask again if the mail went
 * astray; short enough that a forwarded or leaked mail stops working soon. The applicant can always
 * ask the kecamatan for a new link, and every download is recorded.
 */
export const SELF_PRINT_LINK_VALIDITY_HOURS_DEFAULT = 7 * 24;

const base64urlKey = (what: string) =>
  z.string().refine((v) => {
    try {
      return Buffer.from(v.trim(), 'base64url').length === 32;
    } catch {
      return false;
    }
  }, `must be a 32-byte ${what} in base64url`);

/** The verifier's settings (services/printing): the public keys accepted, and the validity of the links it issues. */
export const selfPrintVerifierEnv = z.object({
  /** Comma-separated: the current key first, the previous one kept during a rotation (docs/runbook.md). */
  SELF_PRINT_PUBLIC_KEYS: z
    .string()
    .default(DEV_SELF_PRINT_PUBLIC_KEY)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(base64urlKey('Ed25519 public key')).min(1, 'must name at least one key')),
  SELF_PRINT_LINK_VALIDITY_HOURS: positiveInt().default(String(SELF_PRINT_LINK_VALIDITY_HOURS_DEFAULT)),
});

/** The signer's settings (services/notifications): the seed and the public address the links point at. */
export const selfPrintSignerEnv = z.object({
  SELF_PRINT_SIGNING_SEED: base64urlKey('Ed25519 seed').default(DEV_SELF_PRINT_SEED),
});

/**
 * The development key is public (it is in this repository): outside development and test it is
 * refused, whichever side uses it. Call at start-up with the validated config.
 */
export function selfPrintKeyProblems(env: AdmindukEnv, keys: { seed?: string; publicKeys?: readonly string[] }): string[] {
  if (isDevelopmentOrTest(env)) return [];
  const problems: string[] = [];
  if (keys.seed?.trim() === DEV_SELF_PRINT_SEED) problems.push('SELF_PRINT_SIGNING_SEED must not be the development key in production');
  if (keys.publicKeys?.some((k) => k.trim() === DEV_SELF_PRINT_PUBLIC_KEY))
    problems.push('SELF_PRINT_PUBLIC_KEYS must not include the development key in production');
  return problems;
}

export const verifyKeysFrom = (publicKeys: readonly string[]): SelfPrintVerifyKey[] => publicKeys.map(selfPrintVerifyKey);
