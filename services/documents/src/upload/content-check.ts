import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckJob } from './content-check.worker';
import type { ContentLimits, ContentProblem } from './content-rules';
import type { DocumentMediaType } from './media-type';
import { uploadErrors } from './upload-errors';

export interface ContentCheckOptions extends ContentLimits {
  /** Checking threads; each holds at most one file plus its decoded pixels at a time. */
  concurrency: number;
  /** A check still running after this is abandoned (its thread ended) and the upload refused. */
  timeoutMs: number;
}

type Outcome = ContentProblem | null | 'too-complex';
type Reply = { id: number; problem?: ContentProblem | null; failed?: string };

// Jest and `node -r @swc-node/register` run the TypeScript sources; the build runs the emitted .js.
const WORKER_FILE = join(__dirname, `content-check.worker${extname(__filename)}`);
const WORKER_EXEC_ARGV = extname(__filename) === '.ts' ? ['--require', '@swc-node/register'] : [];
/** Heap of one thread: a PDF's object graph is JavaScript objects; pixels live outside the heap. */
const WORKER_HEAP_MB = 256;

/**
 * Checks a spooled upload before it is stored (content-rules.ts): a PDF must parse, an image must
 * decode. The checks run in a small pool of worker threads, so a multi-second JPEG decode never
 * stalls the event loop (health probes, other requests) and a pathological file cannot take the
 * service's heap with it: a thread that runs out of heap or time is ended and replaced. At most
 * `concurrency` checks run at once; the others wait their turn, which bounds the memory all checks
 * hold together (roughly concurrency x (largest upload + 6 bytes x largest image in pixels)).
 */
export class ContentChecker {
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(worker: Worker) => void> = [];
  private threads = 0;
  private nextJob = 0;
  private closed = false;

  constructor(private readonly options: ContentCheckOptions) {}

  /** Resolves when the file is what `mediaType` says; rejects with the 422 naming the problem. */
  async check(path: string, mediaType: DocumentMediaType): Promise<void> {
    const worker = await this.acquire();
    let outcome: Outcome;
    try {
      outcome = await this.run(worker, { id: ++this.nextJob, path, mediaType });
    } catch (e) {
      this.replace(worker);
      throw e;
    }
    // An abandoned thread is still busy with its check: it is ended, never handed to the next one.
    if (outcome === 'too-complex') {
      this.replace(worker);
      throw uploadErrors.tooComplex();
    }
    this.release(worker);
    if (outcome !== null) throw uploadErrors.unreadable(outcome, this.options.maxImageMegapixels);
  }

  /**
   * Starts every thread now rather than at the first uploads: the pool's memory is a fixed cost paid
   * at start-up (and visible in the baseline), and the first checks do not wait for a thread to boot.
   */
  start(): void {
    while (this.threads < this.options.concurrency) this.idle.push(this.spawn());
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private acquire(): Promise<Worker> {
    const ready = this.idle.pop();
    if (ready) return Promise.resolve(ready);
    if (this.threads < this.options.concurrency) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else if (this.closed) void worker.terminate();
    else this.idle.push(worker);
  }

  /** Ends a thread that failed, timed out or ran out of heap, and gives a waiting check a fresh one. */
  private replace(worker: Worker): void {
    void worker.terminate();
    this.threads--;
    const next = this.waiting.shift();
    if (next) next(this.spawn());
  }

  private spawn(): Worker {
    this.threads++;
    const limits: ContentLimits = { maxImageMegapixels: this.options.maxImageMegapixels };
    const worker = new Worker(WORKER_FILE, {
      workerData: limits,
      execArgv: WORKER_EXEC_ARGV,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: true, // whatever a parser prints stays out of the service's log stream
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref(); // an idle pool never keeps the process alive
    worker.on('error', () => undefined); // answered by run() while busy; an idle thread's end is handled below
    worker.once('exit', () => {
      const at = this.idle.indexOf(worker);
      if (at >= 0) {
        this.idle.splice(at, 1);
        this.threads--;
      }
    });
    return worker;
  }

  private run(worker: Worker, job: CheckJob): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      const done = (finish: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        finish();
      };
      const onMessage = (m: Reply) => {
        if (m.id !== job.id) return;
        done(() => (m.failed !== undefined ? reject(new Error(`content check failed: ${m.failed}`)) : resolve(m.problem ?? null)));
      };
      const onError = (e: Error & { code?: string }) =>
        done(() => (e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve('too-complex') : reject(e)));
      const onExit = (code: number) => done(() => reject(new Error(`content check thread ended without an answer (exit ${code})`)));
      const timer = setTimeout(() => done(() => resolve('too-complex')), this.options.timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job);
    });
  }
}
