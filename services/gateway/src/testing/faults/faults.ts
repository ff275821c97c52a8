import type { SupervisedService } from '@adminduk/testing';
import { SERVICES, type FaultPlatform, type ServiceName } from './fault-platform';

/** One way the platform is broken, held for `ms`, then repaired. */
export type Fault =
  | { kind: 'kill'; services: ServiceName[]; ms: number }
  | { kind: 'pause'; service: ServiceName; ms: number }
  | { kind: 'nats-restart'; signal: 'SIGTERM' | 'SIGKILL'; ms: number }
  | { kind: 'postgres-restart'; mode: 'fast' | 'immediate'; ms: number }
  | { kind: 'outage'; server: 's3' | 'smtp'; mode: 'refuse' | 'drop'; ms: number };

export const describeFault = (f: Fault): string => {
  switch (f.kind) {
    case 'kill':
      return `SIGKILL ${f.services.join(' + ')}`;
    case 'pause':
      return `SIGSTOP ${f.service} ${f.ms / 1000}s`;
    case 'nats-restart':
      return f.signal === 'SIGTERM' ? 'restart NATS' : 'SIGKILL NATS, restart';
    case 'postgres-restart':
      return `restart PostgreSQL (${f.mode})`;
    case 'outage':
      return `${f.server.toUpperCase()} ${f.mode === 'refuse' ? 'refusing' : 'dropping'} ${f.ms / 1000}s`;
  }
};

/** Past the timeouts that matter: the gateway's command request (10 s) and the consumers' ack wait (5 s in the suite). */
const PAST_TIMEOUTS_MS = 12_000;
const PAIRS: Array<[ServiceName, ServiceName]> = [
  ['relay', 'projections'],
  ['intake', 'gateway'],
  ['signing', 'notifications'],
  ['verification', 'printing'],
  // The survey's invitation (complaints) and its mail (notifications).
  ['complaints', 'notifications'],
];

/**
 * Every kind of fault once (23): each service killed in turn, two pairs killed together, NATS
 * (stopped, and killed: JetStream as the disk holds it) and PostgreSQL (fast, immediate) restarted, a consumer (notifications) and a command handler (intake)
 * stopped past their timeouts, the S3 and SMTP servers refusing and dropping connections. (The
 * relay is stopped too, by the calibration that measures its drain rate.)
 */
export function everyFaultOnce(): Fault[] {
  return [
    ...SERVICES.map((s): Fault => ({ kind: 'kill', services: [s], ms: 500 })),
    ...PAIRS.slice(0, 2).map((services): Fault => ({ kind: 'kill', services, ms: 500 })),
    { kind: 'nats-restart', signal: 'SIGTERM', ms: 1000 },
    { kind: 'nats-restart', signal: 'SIGKILL', ms: 1000 },
    { kind: 'postgres-restart', mode: 'fast', ms: 1000 },
    { kind: 'postgres-restart', mode: 'immediate', ms: 1000 },
    { kind: 'pause', service: 'notifications', ms: PAST_TIMEOUTS_MS },
    { kind: 'pause', service: 'intake', ms: PAST_TIMEOUTS_MS },
    { kind: 'outage', server: 's3', mode: 'refuse', ms: 4000 },
    { kind: 'outage', server: 's3', mode: 'drop', ms: 4000 },
    { kind: 'outage', server: 'smtp', mode: 'refuse', ms: 4000 },
    { kind: 'outage', server: 'smtp', mode: 'drop', ms: 4000 },
  ];
}

/** The soak: `count` faults drawn from every kind (and every pair, and SIGSTOP of any service). */
export function randomFaults(count: number, random = Math.random): Fault[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const kinds: Array<() => Fault> = [
    ...everyFaultOnce().map((f) => () => f),
    () => ({ kind: 'kill', services: pick(PAIRS), ms: 500 }),
    () => ({ kind: 'pause', service: pick(SERVICES), ms: PAST_TIMEOUTS_MS }),
  ];
  return Array.from({ length: count }, () => pick(kinds)());
}

/**
 * Breaks the platform as `fault` says, holds it, repairs it. Returns when the repair began
 * (restart, SIGCONT, server listening again) and the services whose readiness it touched.
 */
export async function inject(p: FaultPlatform, fault: Fault): Promise<{ repairedAt: number; affected: SupervisedService[] }> {
  const all = Object.values(p.services);
  switch (fault.kind) {
    case 'kill': {
      const victims = fault.services.map((s) => p.services[s]);
      await Promise.all(victims.map((v) => v.kill()));
      await sleep(fault.ms);
      for (const v of victims) v.start();
      return { repairedAt: Date.now(), affected: victims };
    }
    case 'pause': {
      const v = p.services[fault.service];
      v.pause();
      await sleep(fault.ms);
      v.resume();
      return { repairedAt: Date.now(), affected: [v] };
    }
    case 'nats-restart':
      await p.bus.stop(fault.signal);
      await sleep(fault.ms);
      await p.bus.start();
      return { repairedAt: Date.now(), affected: all };
    case 'postgres-restart':
      await p.postgres.stop(fault.mode);
      await sleep(fault.ms);
      await p.postgres.start();
      return { repairedAt: Date.now(), affected: all };
    case 'outage': {
      const proxy = fault.server === 's3' ? p.s3Proxy : p.smtp;
      await (fault.mode === 'refuse' ? proxy.down() : proxy.drop());
      await sleep(fault.ms);
      await proxy.up();
      const users: ServiceName[] = fault.server === 's3' ? ['documents', 'signing', 'printing'] : ['notifications'];
      return { repairedAt: Date.now(), affected: users.map((s) => p.services[s]) };
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
