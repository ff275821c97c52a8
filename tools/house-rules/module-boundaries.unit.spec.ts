import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The module-boundary house rules (docs/architecture.md, "House rules") checked the way `npm run lint` checks
// them: each case is a source text linted as if it were a file at that path.
interface Case {
  filePath: string;
  code: string;
}
interface Linted {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

const root = path.resolve(__dirname, '../..');
const at = (file: string, code: string): Case => ({ filePath: path.join(root, file), code });

const cases = {
  domainImportsPg: at('libs/domain/src/application/x.ts', "import { Pool } from 'pg';\nexport const p = Pool;\n"),
  domainImportsNest: at('libs/domain/src/x.ts', "import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n"),
  domainImportsInfraLib: at(
    'libs/domain/src/x.ts',
    "import { PostgresEventStore } from '@adminduk/event-store';\nexport const s = PostgresEventStore;\n",
  ),
  calendarImportsMessaging: at('libs/calendar/src/x.ts', "export * from '@adminduk/messaging';\n"),
  domainImportsCalendar: at('libs/domain/src/x.ts', "export * from '@adminduk/calendar';\n"),
  serviceImportsServiceSource: at('services/intake/src/x.ts', "export * from '../../gateway/src/gateway.config';\n"),
  serviceImportsServiceEntry: at('services/intake/src/x.ts', "export * from '@adminduk/gateway/testing';\n"),
  libImportsService: at('libs/http/src/x.ts', "export * from '@adminduk/gateway/testing';\n"),
  testImportsServiceSource: at('services/signing/src/x.e2e.spec.ts', "export * from '../../gateway/src/testing/api-client';\n"),
  testImportsServiceLazily: at(
    'services/gateway/src/testing/x.ts',
    "export const load = () => import('../../../intake/src/intake.app');\n",
  ),
  testImportsDeepPath: at('services/signing/src/x.int.spec.ts', "export * from '@adminduk/documents/src/testing/fixtures';\n"),
  testImportsTestingEntry: at('services/signing/src/x.e2e.spec.ts', "export * from '@adminduk/gateway/testing';\n"),
  serviceImportsNarrowEntry: at('services/intake/src/x.ts', "export * from '@adminduk/read-models/submissions';\n"),
  serviceImportsMadeUpEntry: at('services/intake/src/x.ts', "export * from '@adminduk/read-models/queries';\n"),
  serviceImportsLibs: at('services/intake/src/x.ts', "export * from '@adminduk/domain';\nexport * from '@adminduk/http';\n"),
  contractsImportZod: at('libs/api-contracts/src/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n"),
  contractsImportDomain: at('libs/api-contracts/src/x.ts', "export type { StatusView } from '@adminduk/domain';\n"),
  libImportsContracts: at('libs/read-models/src/x.ts', "export type { ComplaintSummary } from '@adminduk/api-contracts';\n"),
  webClientImportsContracts: at('services/web/client/x.ts', "export type { QueueItem } from '@adminduk/api-contracts';\n"),
};

let linted: Record<keyof typeof cases, Linted['messages']>;

beforeAll(() => {
  const names = Object.keys(cases) as (keyof typeof cases)[];
  const out = execFileSync(process.execPath, [path.join(__dirname, 'lint-texts.js')], {
    cwd: root,
    input: JSON.stringify(names.map((n) => cases[n])),
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  const results = JSON.parse(out) as Linted[];
  linted = Object.fromEntries(names.map((n, i) => [n, results[i].messages])) as typeof linted;
}, 60_000);

const boundaryErrors = (name: keyof typeof cases) =>
  linted[name].filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
const entryErrors = (name: keyof typeof cases) => linted[name].filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

describe('the domain imports no infrastructure', () => {
  it.each(['domainImportsPg', 'domainImportsNest'] as const)('%s is refused', (name) => {
    expect(boundaryErrors(name)).toEqual([expect.stringMatching(/type:domain.*not allowed to import/)]);
  });

  it('refuses an infrastructure lib in the domain and in the calendar', () => {
    expect(boundaryErrors('domainImportsInfraLib')).toEqual([expect.stringContaining('can only depend on libs tagged with "type:domain"')]);
    expect(boundaryErrors('calendarImportsMessaging')).toEqual([expect.stringContaining('"type:domain"')]);
  });

  it('lets the domain use the calendar', () => {
    expect(linted.domainImportsCalendar).toEqual([]);
  });
});

describe("the API's contracts are declarations the web app compiles too", () => {
  it('refuses any npm package and any lib in them, even the domain', () => {
    expect(boundaryErrors('contractsImportZod')).toEqual([expect.stringMatching(/type:contract.*not allowed to import/)]);
    expect(boundaryErrors('contractsImportDomain')).toEqual([
      expect.stringContaining('can only depend on libs tagged with "type:contract"'),
    ]);
  });

  it('lets a lib, a service and the web app use them', () => {
    expect(linted.libImportsContracts).toEqual([]);
    expect(linted.webClientImportsContracts).toEqual([]);
  });
});

describe('a service never imports another service', () => {
  it('refuses a relative path into another service', () => {
    expect(boundaryErrors('serviceImportsServiceSource')).toEqual([expect.stringContaining('relative or absolute path')]);
  });

  it("refuses another service's testing entry in production code, and any service in a shared lib", () => {
    expect(boundaryErrors('serviceImportsServiceEntry')).toEqual([
      expect.stringContaining('"type:service" can only depend on libs tagged with'),
    ]);
    expect(boundaryErrors('libImportsService')).toEqual(
      expect.arrayContaining([expect.stringContaining('can only depend on libs tagged with')]),
    );
  });

  it('lets a service use the libs', () => {
    expect(linted.serviceImportsLibs).toEqual([]);
  });

  it("lets a service use a lib's narrow entry (src/entries), and no other path inside the lib", () => {
    expect(linted.serviceImportsNarrowEntry).toEqual([]);
    expect(entryErrors('serviceImportsMadeUpEntry')).toEqual([expect.stringContaining('a narrow entry')]);
  });
});

describe("a test reaches another service only through that service's testing entry", () => {
  it('refuses its source by relative path, statically or lazily', () => {
    expect(boundaryErrors('testImportsServiceSource')).toEqual([expect.stringContaining('relative or absolute path')]);
    expect(boundaryErrors('testImportsServiceLazily')).toEqual([expect.stringContaining('relative or absolute path')]);
  });

  it('refuses a deep path through the package name', () => {
    expect(entryErrors('testImportsDeepPath')).toEqual([expect.stringContaining("'@adminduk/<package>/testing'")]);
  });

  it('accepts the testing entry', () => {
    expect(linted.testImportsTestingEntry).toEqual([]);
  });
});
