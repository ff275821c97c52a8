import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '@adminduk/http';
import { jpegBytes, pdfBytes, pngBytes } from '../testing/fixtures';
import { ContentChecker } from './content-check';
import type { DocumentMediaType } from './media-type';

const dir = mkdtempSync(join(tmpdir(), 'content-check-'));
const file = (name: string, bytes: Buffer) => (writeFileSync(join(dir, name), bytes), join(dir, name));
const codeOf = (p: Promise<void>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof ApiError ? e.body.code : `not an ApiError: ${String(e)}`),
  );

describe('ContentChecker (worker threads)', () => {
  it('answers many checks at once, each with its own verdict, through a pool of two threads', async () => {
    const checker = new ContentChecker({ maxImageMegapixels: 25, concurrency: 2, timeoutMs: 30_000 });
    const pdf = pdfBytes(30_000);
    const jobs: Array<[string, DocumentMediaType, string | null]> = [
      [file('ok.pdf', pdf), 'application/pdf', null],
      [file('cut.pdf', pdf.subarray(0, 300)), 'application/pdf', 'DOCUMENT_DAMAGED'],
      [file('ok.jpg', jpegBytes()), 'image/jpeg', null],
      [file('soi.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])), 'image/jpeg', 'DOCUMENT_DAMAGED'],
      [file('ok.png', pngBytes()), 'image/png', null],
      [file('cut.png', pngBytes().subarray(0, 50)), 'image/png', 'DOCUMENT_DAMAGED'],
    ];
    try {
      const codes = await Promise.all(jobs.map(([path, type]) => codeOf(checker.check(path, type))));
      expect(codes).toEqual(jobs.map(([, , expected]) => expected));
    } finally {
      await checker.close();
    }
  });

  it('gives up on a check that outlasts its time (422 DOCUMENT_TOO_COMPLEX) and carries on with a fresh thread', async () => {
    const checker = new ContentChecker({ maxImageMegapixels: 25, concurrency: 1, timeoutMs: 1 });
    const path = file('slow.pdf', pdfBytes(30_000));
    try {
      // 1 ms is less than a thread needs to start: both checks time out, the second on a new thread.
      expect(await codeOf(checker.check(path, 'application/pdf'))).toBe('DOCUMENT_TOO_COMPLEX');
      expect(await codeOf(checker.check(path, 'application/pdf'))).toBe('DOCUMENT_TOO_COMPLEX');
    } finally {
      await checker.close();
    }
  });

  it('a check waiting for the thread of an abandoned check runs on a fresh thread, not on the one being ended', async () => {
    // A FIFO nobody writes to: reading it never ends, so the first check is abandoned at its time.
    const stuck = join(dir, `stuck-${process.pid}.fifo`);
    execFileSync('mkfifo', [stuck]);
    const checker = new ContentChecker({ maxImageMegapixels: 25, concurrency: 1, timeoutMs: 5000 });
    try {
      const first = codeOf(checker.check(stuck, 'application/pdf'));
      const second = codeOf(checker.check(file('fine.pdf', pdfBytes(30_000)), 'application/pdf')); // waits for the one thread
      expect(await first).toBe('DOCUMENT_TOO_COMPLEX');
      expect(await second).toBeNull(); // was: abandoned with the first check's thread
    } finally {
      // A writer that opens and closes the FIFO ends the blocked read (without blocking when no reader is left).
      try {
        closeSync(openSync(stuck, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // ENXIO: no reader any more
      }
      await checker.close();
    }
  });
});
