import { freePort, portShare } from './service-process';

describe('freePort', () => {
  it('gives each Jest worker its own share of the ports below the ephemeral range', () => {
    const shares = [1, 2, 3, 4, 5, 6, 7, 8].map(portShare);
    for (const [i, a] of shares.entries()) {
      expect(a.from).toBeGreaterThanOrEqual(20_000);
      expect(a.from + a.size).toBeLessThanOrEqual(32_768);
      for (const b of shares.slice(i + 1)) expect(a.from + a.size <= b.from || b.from + b.size <= a.from).toBe(true);
    }
    expect(portShare(9)).toEqual(portShare(1));
  });

  it('never hands out the same port twice in a process, even before either is listened on', async () => {
    const { from, size } = portShare(Number(process.env.JEST_WORKER_ID ?? 1));
    const ports = [];
    for (let i = 0; i < 300; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const p of ports) expect(p >= from && p < from + size).toBe(true);
  });
});
