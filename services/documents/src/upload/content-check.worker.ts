import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { findContentProblem, type ContentLimits } from './content-rules';
import type { DocumentMediaType } from './media-type';

/** A checking thread of ContentChecker: one job at a time, each a spooled file to read and judge. */
export interface CheckJob {
  id: number;
  path: string;
  mediaType: DocumentMediaType;
}

const limits = workerData as ContentLimits;

parentPort?.on('message', (job: CheckJob) => {
  readFile(job.path)
    .then((bytes) => findContentProblem(bytes, job.mediaType, limits))
    .then(
      (problem) => parentPort?.postMessage({ id: job.id, problem }),
      (e: unknown) => parentPort?.postMessage({ id: job.id, failed: e instanceof Error ? e.message : String(e) }),
    );
});
