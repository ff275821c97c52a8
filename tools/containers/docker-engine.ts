import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = path.resolve(__dirname, '../..');

/** Null when a Docker engine answers; otherwise why the container tests cannot run here. */
export function dockerUnavailableReason(): string | null {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 });
    return null;
  } catch {
    return 'no Docker engine answers (needs root and dockerd: bash infra/docker-engine.sh start)';
  }
}

/** `docker <args>`; `env` values reach the container through `-e NAME` (multi-line PEMs included). */
export async function docker(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

/** Builds every service image (infra/docker-images.sh): the same script CI and operators use. */
export async function buildImages(tag: string): Promise<void> {
  await run('bash', [path.join(repoRoot, 'infra/docker-images.sh')], {
    cwd: repoRoot,
    env: { ...process.env, IMAGE_TAG: tag },
    timeout: 25 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export interface ContainerSpec {
  name: string;
  image: string;
  env: Record<string, string>;
  /** host path -> container path, mounted read-only. */
  mounts?: Record<string, string>;
  /** `host` (default: the loopback services of this machine) or `none`. */
  network?: 'host' | 'none';
  command?: string[];
}

/**
 * The flags every service container runs with, as in the cluster (k8s/base): host networking only,
 * a read-only root filesystem with /tmp as the one writable place, a non-root user, no capabilities.
 */
export function runArgs(spec: ContainerSpec, detached: boolean): string[] {
  return [
    'run',
    ...(detached ? ['-d'] : ['--rm']),
    '--name',
    spec.name,
    '--label',
    'adminduk.test=containers',
    '--network',
    spec.network ?? 'host',
    '--read-only',
    '--tmpfs',
    '/tmp:rw,size=256m',
    '--user',
    '1000:1000',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    ...Object.keys(spec.env).flatMap((k) => ['-e', k]),
    ...Object.entries(spec.mounts ?? {}).flatMap(([host, inside]) => ['-v', `${host}:${inside}:ro`]),
    spec.image,
    ...(spec.command ?? []),
  ];
}

export const startContainer = (spec: ContainerSpec) => docker(runArgs(spec, true), spec.env);
export const runToCompletion = (spec: ContainerSpec) => docker(runArgs(spec, false), spec.env, 300_000);

export async function containerLogs(name: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('docker', ['logs', '--tail', '40', name], { maxBuffer: 4 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (e) {
    return String(e);
  }
}

export async function removeContainers(names: string[]): Promise<void> {
  if (names.length) await run('docker', ['rm', '-f', ...names]).catch(() => undefined);
}
