import { metricsRegistry } from '@adminduk/observability';
import { WrongExpectedStateError } from '../errors';
import { observeCommand } from './command-metrics';

class DomainError extends Error {
  override readonly name = 'DomainError';
}

const count = async (command: string, outcome: string): Promise<number> => {
  const text = await metricsRegistry.getSingleMetricAsString('commands_total');
  const line = text.split('\n').find((l) => l.startsWith(`commands_total{command="${command}",outcome="${outcome}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('observeCommand: commands_total by type and outcome', () => {
  it('counts what the handler did, and what stopped it', async () => {
    const ok = { replayed: false, events: [{ type: 'X' }] };
    await observeCommand({ type: 'SubmitApplication' }, async () => ok);
    await observeCommand({ type: 'SubmitApplication' }, async () => ({ replayed: true, events: [{ type: 'X' }] }));
    await observeCommand({ type: 'WithdrawApplication' }, async () => ({ replayed: false, events: [] }));
    await expect(observeCommand({ type: 'WithdrawApplication' }, () => Promise.reject(new DomainError('ditolak')))).rejects.toThrow();
    await expect(
      observeCommand({ type: 'WithdrawApplication' }, () => Promise.reject(new WrongExpectedStateError('s', 'no_stream', 1))),
    ).rejects.toThrow();
    await expect(observeCommand({ type: '3515124508900003' }, () => Promise.reject(new Error('boom')))).rejects.toThrow();

    expect(await count('SubmitApplication', 'accepted')).toBe(1);
    expect(await count('SubmitApplication', 'replayed')).toBe(1);
    expect(await count('WithdrawApplication', 'unchanged')).toBe(1);
    expect(await count('WithdrawApplication', 'refused')).toBe(1);
    expect(await count('WithdrawApplication', 'conflict')).toBe(1);
    // A type that is not an identifier never becomes a label value.
    expect(await count('other', 'failed')).toBe(1);
    expect(await metricsRegistry.metrics()).not.toContain('3515124508900003');
  });
});
