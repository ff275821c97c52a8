import { retry, RetryAbortedError } from './retry';

describe('retry', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const failing = (errors: Array<Error | undefined>) => {
    const calls: number[] = [];
    const fn = async (n: number) => {
      calls.push(Date.now());
      const e = errors[n - 1];
      if (e) throw e;
      return `ok after ${n}`;
    };
    return { fn, calls };
  };

  it('backs off exponentially between failures and reports the recovery once', async () => {
    const start = Date.now();
    const { fn, calls } = failing([new Error('a'), new Error('a'), new Error('a')]);
    const recovered = jest.fn();
    const result = retry(fn, { backoff: { baseMs: 100, maxMs: 250 }, onRecovered: recovered });
    await jest.advanceTimersByTimeAsync(1000);
    expect(await result).toBe('ok after 4');
    expect(calls.map((t) => t - start)).toEqual([0, 100, 300, 550]);
    expect(recovered).toHaveBeenCalledWith(4);
  });

  it('reports the first failure of each kind only', async () => {
    const { fn } = failing([
      Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('y'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('z'), { code: 'AUTH' }),
    ]);
    const seen: string[] = [];
    const result = retry(fn, {
      backoff: { baseMs: 10, maxMs: 10 },
      failureKind: (e) => (e as { code: string }).code,
      onFailure: (e, n) => seen.push(`${(e as Error).message}@${n}`),
    });
    await jest.advanceTimersByTimeAsync(100);
    await result;
    expect(seen).toEqual(['x@1', 'z@3']);
  });

  it('without failureKind, reports only the very first failure', async () => {
    const { fn } = failing([new Error('x'), new TypeError('y')]);
    const onFailure = jest.fn();
    const result = retry(fn, { backoff: { baseMs: 10, maxMs: 10 }, onFailure });
    await jest.advanceTimersByTimeAsync(100);
    await result;
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('gives up after maxAttempts with the last error, without reporting that one as retried', async () => {
    const { fn, calls } = failing([new Error('1'), new Error('2'), new Error('3')]);
    const onFailure = jest.fn();
    const result = retry(fn, { backoff: { baseMs: 10, maxMs: 10 }, maxAttempts: 3, onFailure });
    const settled = expect(result).rejects.toThrow('3');
    await jest.advanceTimersByTimeAsync(100);
    await settled;
    expect(calls).toHaveLength(3);
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('stops at once when aborted: the delay ends and no further attempt starts', async () => {
    const abort = new AbortController();
    const first = new Error('down');
    const { fn, calls } = failing([first, first, first]);
    const result = retry(fn, { backoff: { baseMs: 60_000, maxMs: 60_000 }, signal: abort.signal });
    const settled = expect(result).rejects.toEqual(expect.objectContaining({ name: 'RetryAbortedError', lastError: first }));
    await jest.advanceTimersByTimeAsync(10);
    abort.abort();
    await settled;
    expect(calls).toHaveLength(1);
  });

  it('an already aborted signal starts no attempt', async () => {
    const abort = new AbortController();
    abort.abort();
    const fn = jest.fn(async () => 1);
    await expect(retry(fn, { backoff: { baseMs: 1, maxMs: 1 }, signal: abort.signal })).rejects.toBeInstanceOf(RetryAbortedError);
    expect(fn).not.toHaveBeenCalled();
  });

  it('resets the backoff after progress: a failure after progress waits the base delay and is reported again', async () => {
    const start = Date.now();
    const calls: number[] = [];
    const seen: number[] = [];
    // Attempts 1-2 fail at once; attempt 3 makes progress, then fails; attempt 4 fails at once; 5 succeeds.
    const fn = async (n: number, a: { progress(): void }) => {
      calls.push(Date.now() - start);
      if (n === 3) a.progress();
      if (n < 5) throw new Error(`down ${n}`);
      return n;
    };
    const result = retry(fn, { backoff: { baseMs: 100, maxMs: 10_000 }, onFailure: (_e, n) => seen.push(n) });
    await jest.advanceTimersByTimeAsync(2000);
    expect(await result).toBe(5);
    // Delays: 100, 200 (growing), then 100 again after the progress of attempt 3, then 200.
    expect(calls).toEqual([0, 100, 300, 400, 600]);
    expect(seen).toEqual([1, 3]);
  });

  it('without progress, the backoff keeps growing across failures', async () => {
    const start = Date.now();
    const calls: number[] = [];
    const fn = async (n: number) => {
      calls.push(Date.now() - start);
      if (n < 5) throw new Error('down');
      return n;
    };
    const result = retry(fn, { backoff: { baseMs: 100, maxMs: 10_000 } });
    await jest.advanceTimersByTimeAsync(3000);
    await result;
    expect(calls).toEqual([0, 100, 300, 700, 1500]);
  });
});
