import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Configuration is read once, at start-up, by the config loaders (libs/config loadConfig) and
 * injected from there: no module reads `process.env` while the service runs (a variable read in
 * passing is unvalidated, and a value read at import time is fixed before the config exists).
 * This walks every source file of libs/ and services/ and names each read outside the places
 * allowed to do it.
 */
const root = path.resolve(__dirname, '../../..');

/** Where reading the environment IS start-up, each for its reason. */
const allowed: Array<[RegExp, string]> = [
  [/^services\/[^/]+\/src\/main\.ts$/, 'a service entry point'],
  [/^services\/[^/]+\/src\/([^/]+\.)?config\.ts$/, "a service's config loader (the environment is its default argument)"],
  [/^libs\/config\/src\/load-config\.ts$/, 'loadConfig itself'],
  [/^libs\/observability\/src\/tracing\.ts$/, 'the OpenTelemetry set-up: OTEL_*, read once when tracing starts'],
  [/^libs\/[^/]+\/src\/cli\/[^/]+\.ts$/, 'an operator tool, whose start-up this is'],
  [/\/testing\/|\.testing\.ts$|-test-target\.ts$|\.fixture\.ts$/, 'test support'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) && !/\.(spec|bench)\.ts$|\.d\.ts$/.test(name) ? [full] : [];
  });
}

describe('reading the environment', () => {
  it('happens only in config loaders and entry points, never in a module at run time', () => {
    const offenders: string[] = [];
    let scanned = 0;
    for (const top of ['libs', 'services']) {
      for (const project of readdirSync(path.join(root, top))) {
        const src = path.join(root, top, project, 'src');
        if (!statSync(path.join(root, top, project)).isDirectory()) continue;
        let files: string[] = [];
        try {
          files = sourceFiles(src);
        } catch {
          continue; // a project without src/
        }
        for (const file of files) {
          const rel = path.relative(root, file).split(path.sep).join('/');
          scanned++;
          if (allowed.some(([pattern]) => pattern.test(rel))) continue;
          readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (/process\.env\b/.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    }
    expect(scanned).toBeGreaterThan(200); // every library and service, not an empty walk
    expect(offenders).toEqual([]);
  });

  it('would catch a read (the check is not vacuous)', () => {
    const line = "const prefix = process.env.COMMAND_SUBJECT_PREFIX ?? '';";
    expect(/process\.env\b/.test(line) && !/^\s*(\/\/|\*)/.test(line)).toBe(true);
    expect(allowed.some(([pattern]) => pattern.test('libs/application-commands/src/command-subjects.ts'))).toBe(false);
    expect(allowed.some(([pattern]) => pattern.test('services/relay/src/relay-service.ts'))).toBe(false);
  });
});
