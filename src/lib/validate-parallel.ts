/**
 * `validatePostmortems` spread over worker threads: each file is checked on its own in a worker,
 * then the collection checks run here on the results. Same checks, same issues, same order; only
 * faster on a machine with more than one core. Used by `npm run validate`.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ContentIssue } from './errors.ts';
import { fromPortable, type PortablePostmortem } from './validate-portable.ts';
import { checkCollection, validatePostmortems, type PostmortemFile, type ValidationResult } from './validate.ts';

export interface ParallelOptions {
  /** Worker threads at most; by default one per core. */
  readonly threads?: number;
  /** Below this many files per worker, starting workers costs more than it saves. */
  readonly minFilesPerWorker?: number;
}

type Checked = { issues: ContentIssue[]; postmortem?: PortablePostmortem };

export async function validateInParallel(
  files: readonly PostmortemFile[],
  { threads = availableParallelism(), minFilesPerWorker = 100 }: ParallelOptions = {},
): Promise<ValidationResult> {
  const workers = Math.min(threads, Math.floor(files.length / minFilesPerWorker));
  if (workers < 2) return validatePostmortems(files);

  const size = Math.ceil(files.length / workers);
  const chunks = Array.from({ length: workers }, (_, index) => files.slice(index * size, (index + 1) * size));
  const results = await Promise.all(chunks.map(checkInWorker));

  const issues: ContentIssue[] = [];
  const postmortems = [];
  const unchecked: string[] = [];
  for (const [at, checked] of results.flat().entries()) {
    const file = files[at] as PostmortemFile;
    issues.push(...checked.issues);
    if (checked.postmortem) postmortems.push(fromPortable(checked.postmortem, file));
    else unchecked.push(file.file);
  }
  issues.push(...checkCollection(postmortems, unchecked));
  return { postmortems, issues };
}

function checkInWorker(files: readonly PostmortemFile[]): Promise<Checked[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./validate-worker.ts', import.meta.url), { workerData: files });
    worker.once('message', (checked: Checked[]) => {
      resolve(checked);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a validation worker stopped with exit code ${code}`));
    });
  });
}
