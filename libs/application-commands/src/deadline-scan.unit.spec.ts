import { conflict, invalid } from '@adminduk/domain';
import { createLogger } from '@adminduk/observability';
import { actOnOverdue, startDeadlineScan } from './deadline-scan';

const silent = createLogger({ service: 'test', level: 'silent' });

describe('acting on overdue rows (the correction and complaint deadline scans)', () => {
  it('counts what was done: a replayed command counts nothing, a stale row (conflict) is skipped', async () => {
    const seen: string[] = [];
    const acted = await actOnOverdue(
      async () => ['done', 'replayed', 'stale', 'done-too'],
      async (row) => {
        seen.push(row);
        if (row === 'stale') throw conflict('ALREADY_DONE', 'sudah');
        return { replayed: row === 'replayed' };
      },
    );
    expect({ acted, seen }).toEqual({ acted: 2, seen: ['done', 'replayed', 'stale', 'done-too'] });
  });

  it('stops at any other failure, and lists nothing while the table is not migrated yet', async () => {
    await expect(
      actOnOverdue(
        async () => [1],
        async () => Promise.reject(invalid('BAD', 'salah')),
      ),
    ).rejects.toMatchObject({ code: 'BAD' });
    const missing = Object.assign(new Error('relation does not exist'), { code: '42P01' });
    expect(
      await actOnOverdue(
        () => Promise.reject(missing),
        async () => ({ replayed: false }),
      ),
    ).toBe(0);
    const down = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    await expect(
      actOnOverdue(
        () => Promise.reject(down),
        async () => ({ replayed: false }),
      ),
    ).rejects.toBe(down);
  });
});

describe('a deadline scan in the background', () => {
  it('scans at once and on every tick, never two passes at once, and stop() waits for the pass in progress', async () => {
    let passes = 0;
    let overlapping = 0;
    let inPass = false;
    let release!: () => void;
    const scan = async () => {
      if (inPass) overlapping++;
      inPass = true;
      passes++;
      if (passes === 1) await new Promise<void>((r) => (release = r)); // a slow first pass
      inPass = false;
    };
    const running = startDeadlineScan(scan, 5, silent, 'test scan');
    await new Promise((r) => setTimeout(r, 40)); // many ticks while the first pass is held
    expect(passes).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 40));
    expect(passes).toBeGreaterThan(1);
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await stopping;
    const after = passes;
    await new Promise((r) => setTimeout(r, 30));
    expect({ stopped, overlapping, passesAfterStop: passes - after }).toEqual({ stopped: true, overlapping: 0, passesAfterStop: 0 });
  });

  it('a failed pass is logged and the next tick tries again', async () => {
    let passes = 0;
    const running = startDeadlineScan(
      async () => {
        passes++;
        if (passes === 1) throw new Error('database restarting');
      },
      5,
      silent,
      'test scan',
    );
    await new Promise((r) => setTimeout(r, 30));
    await running.stop();
    expect(passes).toBeGreaterThan(1);
  });
});
