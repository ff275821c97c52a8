import { ReadinessRegistry } from './health';

describe('ReadinessRegistry', () => {
  it('reports every registered check by name', async () => {
    const registry = new ReadinessRegistry();
    registry.register('nats', () => true);
    registry.register('nats-events', () => false);
    expect(await registry.evaluate()).toEqual({ ready: false, checks: { nats: 'ok', 'nats-events': 'failing' } });
  });

  it('refuses a name registered twice instead of silently replacing the first check', async () => {
    const registry = new ReadinessRegistry();
    registry.register('nats', () => false);
    expect(() => registry.register('nats', () => true)).toThrow(/"nats" is already registered/);
    // The first check still decides: a dependency that is down is not hidden by the second one.
    expect(await registry.evaluate()).toEqual({ ready: false, checks: { nats: 'failing' } });
  });

  it('counts a check that throws or hangs as failing', async () => {
    jest.useFakeTimers();
    try {
      const registry = new ReadinessRegistry();
      registry.register('throws', () => {
        throw new Error('down');
      });
      registry.register('hangs', () => new Promise<boolean>(() => undefined));
      const result = registry.evaluate();
      await jest.advanceTimersByTimeAsync(2000);
      expect(await result).toEqual({ ready: false, checks: { throws: 'failing', hangs: 'failing' } });
    } finally {
      jest.useRealTimers();
    }
  });
});
