import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface SpooledFile {
  path: string;
  size: number;
  sha256Hex: string;
  /** Deletes the file; safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * Streams `body` to a private temp file, hashing on the way. Memory stays at a few stream buffers
 * whatever the size; a failing source removes the partial file before rejecting.
 */
export async function spoolToDisk(body: Readable, dir = tmpdir()): Promise<SpooledFile> {
  const path = join(dir, `adminduk-spool-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const dispose = () => rm(path, { force: true });
  try {
    await pipeline(body, meter, createWriteStream(path, { mode: 0o600 }));
  } catch (e) {
    await dispose();
    throw e;
  }
  return { path, size, sha256Hex: hash.digest('hex'), dispose };
}
