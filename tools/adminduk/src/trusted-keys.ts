import type { ParsedArgs } from './args';

/**
 * The checkpoint public keys the auditor trusts: `--key FILE`, else ADMINDUK_CHECKPOINT_KEYS
 * (PEM files, comma-separated: the current key and, during a rotation, the previous one).
 */
export function trustedKeyFiles(args: ParsedArgs, env: NodeJS.ProcessEnv): string[] {
  const key = args.options.get('key');
  if (key) return [key];
  return (env.ADMINDUK_CHECKPOINT_KEYS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
