/** Worker thread of `validateInParallel`: checks its share of the files on their own. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkPostmortem, type PostmortemFile } from './validate.ts';
import { toPortable } from './validate-portable.ts';

const files = workerData as PostmortemFile[];
parentPort?.postMessage(
  files.map((file) => {
    const { issues, postmortem } = checkPostmortem(file);
    return { issues, postmortem: postmortem ? toPortable(postmortem) : undefined };
  }),
);
