import { spawnSync } from 'node:child_process';
import { testEnv } from '@adminduk/testing';

/**
 * Where the KurrentDB contract suite finds a server: EVENTSTOREDB_URL first (CI), else a
 * testcontainer where a Docker engine has the image locally and the `testcontainers` package is installed.
 * `skipReason` is null when the suite can run; otherwise it says why not, for the skip report.
 */
export interface KurrentDbTarget {
  skipReason: string | null;
  /** Starts what is needed and returns a connection string plus a way to stop it. */
  start(): Promise<{ connectionString: string; stop(): Promise<void> }>;
}

const IMAGE = process.env.KURRENTDB_IMAGE ?? 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';

export function kurrentDbTarget(): KurrentDbTarget {
  const url = testEnv.eventStoreDbUrl;
  if (url) return { skipReason: null, start: async () => ({ connectionString: url, stop: async () => undefined }) };

  // The image must be there already: an engine may run here (the container smoke test) but can pull nothing.
  const docker = spawnSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore', timeout: 10000 });
  if (docker.error || docker.status !== 0) {
    return {
      skipReason: `EVENTSTOREDB_URL is not set and no Docker engine has ${IMAGE} locally, so no KurrentDB server is reachable`,
      start: notAvailable,
    };
  }
  let testcontainers: TestcontainersSubset;
  try {
    // Loaded only here, and typed by the subset used: an optional dev dependency that only machines with Docker need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    testcontainers = require('testcontainers') as TestcontainersSubset;
  } catch {
    return {
      skipReason: 'EVENTSTOREDB_URL is not set; a Docker engine answers but the `testcontainers` package is not installed',
      start: notAvailable,
    };
  }
  return {
    skipReason: null,
    async start() {
      const { GenericContainer, Wait } = testcontainers;
      const container = await new GenericContainer(IMAGE)
        .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_MEM_DB: 'true', KURRENTDB_RUN_PROJECTIONS: 'None' })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
        .withStartupTimeout(120000)
        .start();
      return {
        connectionString: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
        stop: async () => void (await container.stop()),
      };
    },
  };
}

/** The part of the `testcontainers` API used here. */
interface TestcontainersSubset {
  GenericContainer: new (image: string) => ContainerBuilder;
  Wait: { forHttp(path: string, port: number): { forStatusCode(code: number): unknown } };
}
interface ContainerBuilder {
  withEnvironment(env: Record<string, string>): ContainerBuilder;
  withExposedPorts(...ports: number[]): ContainerBuilder;
  withWaitStrategy(strategy: unknown): ContainerBuilder;
  withStartupTimeout(ms: number): ContainerBuilder;
  start(): Promise<{ getHost(): string; getMappedPort(port: number): number; stop(): Promise<unknown> }>;
}

async function notAvailable(): Promise<never> {
  throw new Error('no KurrentDB server available');
}
