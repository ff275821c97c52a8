import { parseArgs, UsageError } from '../args';
import { storeAccess } from '../access';
import type { Command } from '../command';
import { endProgress, progressReporter } from '../progress';

/**
 * Rebuilds a projection from position 0 into a shadow schema beside the live tables, compares them
 * row by row and reports missing, extra and differing rows (key and columns); --swap then replaces
 * the live rows and checkpoint in one transaction (libs/read-models rebuildAndCompare, decision 0023).
 * Needs a role that may create a schema in the read-model database (ADMINDUK_READ_MODEL_DATABASE_URL,
 * else ADMINDUK_DATABASE_URL). Exit 1 when any difference was found.
 */
export const command: Command = {
  usage: 'adminduk projections rebuild NAME --compare [--swap] [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, ['batch']);
    const [name, extra] = args.positionals;
    if (!name || extra !== undefined) throw new UsageError('name one projection');
    if (!args.flags.has('compare'))
      throw new UsageError('only --compare is supported (an in-place rebuild follows a version bump, docs/runbook.md)');
    const access = storeAccess(io.env);
    const readModelUrl = io.env.ADMINDUK_READ_MODEL_DATABASE_URL ?? access.databaseUrl;
    const [{ allProjections, createReadModelDataSource, rebuildAndCompare, isRebuildable }, { PostgresEventStore }] = await Promise.all([
      import('@adminduk/read-models'),
      import('@adminduk/event-store'),
    ]);
    const projection = allProjections().find((p) => p.name === name);
    const known = allProjections()
      .filter(isRebuildable)
      .map((p) => p.name);
    if (!projection || !isRebuildable(projection)) throw new UsageError(`"${name}" is not a rebuildable projection (${known.join(', ')})`);
    const ds = await createReadModelDataSource(readModelUrl, { extra: { max: 2 } }).initialize();
    const store = await PostgresEventStore.create({ connectionString: access.databaseUrl, max: 2 });
    const progress = progressReporter(io.stderr, 'events');
    try {
      const report = await rebuildAndCompare(ds, store, projection, {
        swap: args.flags.has('swap'),
        batchSize: args.options.has('batch') ? Number(args.options.get('batch')) : undefined,
        onProgress: (p) => progress(p.events, 0),
      });
      endProgress(io.stderr);
      if (args.flags.has('json')) io.stdout.write(`${JSON.stringify(report)}\n`);
      else io.stdout.write(formatReport(report));
      return report.differences.length ? 1 : 0;
    } finally {
      await ds.destroy();
      await store.close();
    }
  },
};

type Report = Awaited<ReturnType<typeof import('@adminduk/read-models').rebuildAndCompare>>;

function formatReport(r: Report): string {
  const lines = [`${r.projection}: rebuilt from ${r.events} events, compared at ${r.position}`];
  for (const t of r.tables) lines.push(`  ${t.table}: ${t.liveRows} live rows, ${t.rebuiltRows} rebuilt, ${t.differences} differing`);
  for (const d of r.differences) {
    const key = Object.entries(d.key)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    if (d.kind === 'missing') lines.push(`  missing ${d.table} (${key}): only in the rebuild`);
    else if (d.kind === 'extra') lines.push(`  extra   ${d.table} (${key}): only in the live table`);
    else
      for (const c of d.columns)
        lines.push(`  differs ${d.table} (${key}) ${c}: live ${JSON.stringify(d.live?.[c])}, rebuilt ${JSON.stringify(d.rebuilt?.[c])}`);
  }
  lines.push(
    r.swapped
      ? 'Swapped: the live tables now hold the rebuild.'
      : r.differences.length
        ? 'Not swapped (--swap replaces the live rows).'
        : 'Live and rebuild are equal.',
  );
  return `${lines.join('\n')}\n`;
}
