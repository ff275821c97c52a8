import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { HolidayCalendarCommands, loadHolidayYear, systemClock } from '@adminduk/application-commands';
import { eventStoreEnv, loadConfig, postgresUrl, z } from '@adminduk/config';
import { DomainError } from '@adminduk/domain';
import { eventStoreSettings, openEventStore } from '@adminduk/event-store';
import { idempotencyKeyOf, parseHolidayFile } from './holiday-file';

const USAGE = `usage:
  npm run holidays -- show <year>
  npm run holidays -- publish <year> <file.json>
  npm run holidays -- correct <year> <file.json> [--reason "<alasan>"]   (or "reason" in the file)`;

/**
 * The admin's holiday-calendar CLI: the same write path as the API (HolidayCalendarCommands: the
 * decider through the one command handler), run against the event store with an admin principal
 * named after the operating-system user. See docs/runbook.md "Publishing next year's holidays".
 */
async function main(argv: string[]): Promise<void> {
  const [command, yearText, path, ...rest] = argv;
  const year = Number(yearText);
  if (!['show', 'publish', 'correct'].includes(command) || !Number.isInteger(year) || (command !== 'show' && !path)) {
    throw new Error(USAGE);
  }
  const config = loadConfig(z.object({ DATABASE_URL: postgresUrl() }).merge(eventStoreEnv()));
  const store = await openEventStore(eventStoreSettings(config, config.DATABASE_URL, 2));
  try {
    if (command === 'show') {
      process.stdout.write(`${JSON.stringify(await loadHolidayYear(store, year), null, 2)}\n`);
      return;
    }
    const file = parseHolidayFile(readFileSync(path, 'utf8'));
    const reasonAt = rest.indexOf('--reason');
    const reason = reasonAt >= 0 ? rest[reasonAt + 1] : file.reason;
    const meta = {
      idempotencyKey: idempotencyKeyOf(command, year, file),
      correlationId: randomUUID(),
      principal: { userId: `cli:${userInfo().username}`, role: 'admin' as const },
    };
    const data = { year, decree: file.decree, days: file.days };
    const result = await new HolidayCalendarCommands(store, systemClock).execute(
      command === 'publish'
        ? { type: 'PublishHolidayYear', data }
        : { type: 'CorrectHolidayYear', data: { ...data, reason: reason ?? '' } },
      meta,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof DomainError) {
    process.stderr.write(`holidays: ${e.message}\n${e.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}\n`);
  } else {
    process.stderr.write(`holidays: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  process.exit(1);
});
