import { randomBytes } from 'node:crypto';
import { generateCommandAssertionKeys } from '@adminduk/application-commands';
import { selfPrintPublicKeyOf } from '@adminduk/self-print-token';

/**
 * Fresh values for the platform's own keys, the Secret keys no engine issues: the command-assertion
 * pair, the signed KKs' document-id secret, the self-print and survey link keys, the survey response
 * key and the complaint tracking key, each in the form its service's configuration accepts. One list
 * for the dev overlay's Secrets (dev-secrets.ts) and the containers' made-up ones (tools/containers).
 */
export function freshApplicationKeys(): Record<string, string> {
  const assertion = generateCommandAssertionKeys();
  const linkSeed = randomBytes(32).toString('base64url');
  return {
    COMMAND_ASSERTION_PUBLIC_KEYS: assertion.publicKeyPem,
    COMMAND_ASSERTION_PRIVATE_KEY: assertion.privateKeyPem,
    DOCUMENT_ID_SECRET: randomBytes(32).toString('hex'),
    SELF_PRINT_SIGNING_SEED: linkSeed,
    SELF_PRINT_PUBLIC_KEYS: selfPrintPublicKeyOf(linkSeed),
    SURVEY_RESPONSE_KEY: randomBytes(32).toString('base64url'),
    COMPLAINT_TRACKING_KEY: randomBytes(32).toString('base64url'),
    SURVEY_LINK_SIGNING_SEED: randomBytes(32).toString('base64url'),
  };
}
