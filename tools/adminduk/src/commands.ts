import type { Command } from './command';

/**
 * The commands, each loaded only when named (lazy import): `adminduk --help` and a command that
 * needs no database never load pg or the audit library. Two-word commands ("audit verify") are
 * keyed by both words.
 */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  'audit verify': () => import('./commands/audit-verify').then((m) => m.command),
  export: () => import('./commands/export').then((m) => m.command),
  'verify-bundle': () => import('./commands/verify-bundle').then((m) => m.command),
  history: () => import('./commands/history').then((m) => m.command),
  state: () => import('./commands/state').then((m) => m.command),
  diff: () => import('./commands/diff').then((m) => m.command),
  'projections rebuild': () => import('./commands/projections-rebuild').then((m) => m.command),
};
