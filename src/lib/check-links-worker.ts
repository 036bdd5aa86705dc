/** Worker thread of `checkLinks`: reads and scans each batch of pages it is given, and sends them back packed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { packPage } from './check-links-fs.ts';
import { scanPage } from './check-links.ts';

const { dir } = workerData as { dir: string };
parentPort?.on('message', (files: string[]) => {
  parentPort?.postMessage(files.map((file) => packPage(scanPage(readFileSync(join(dir, file), 'utf8')))));
});
