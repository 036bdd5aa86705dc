/**
 * Runs a command and measures it as a whole: wall time, and the peak resident memory of its whole
 * process tree (npm, node, and anything they start, such as Pagefind's binary).
 *
 * `/usr/bin/time -v` reports only the largest single process, so the tree is sampled instead: every
 * `interval` ms the children of the root are found through `/proc/<pid>/task/<tid>/children`,
 * recursively, and their `VmRSS` summed; the peak is the largest sum seen. A process that lives
 * shorter than one interval can be missed, so each process's own high-water mark (`VmHWM`) is kept
 * too, and the larger of the two peaks is what is reported. Linux only.
 *
 * A process can leave the tree: one whose parent exits is given to the system's first process.
 * A build's Pagefind runs that index ahead (src/search-ahead.ts) outlive Astro's process, which
 * started them, and GNU time never counts their CPU time, as no process of the tree waits for
 * them. `adopt` names such processes by their command line: each sample finds them anywhere in
 * `/proc`, adds their memory to the tree's, and reads their CPU time (`/proc/<pid>/stat`), whose
 * last reading is added to the command's. A process's last 50 ms or so can be missed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  readonly command: string;
  readonly exitCode: number;
  readonly wallMs: number;
  /** Largest sampled sum of VmRSS over the tree, or the largest single VmHWM if that is larger. */
  readonly peakRssKb: number;
  /** Largest VmHWM of any one process of the tree. */
  readonly largestProcessKb: number;
  /** How many samples were taken. */
  readonly samples: number;
  /**
   * User plus system CPU time of the whole tree, from GNU time when `/usr/bin/time` is installed.
   * On a machine other work is loading, it says more about the command than its wall time does.
   */
  readonly cpuMs?: number;
  readonly output: string;
}

/** A `kB` field of a `/proc/<pid>/status` file, or 0 when it is absent (kernel threads, zombies). */
export function statusKb(status: string, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** The pids of a process and all its descendants, from /proc. */
export function processTree(root: number): number[] {
  const seen: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    seen.push(pid);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
        if (children) queue.push(...children.split(/\s+/).map(Number));
      } catch {
        // The task ended between listing and reading.
      }
    }
  }
  return seen;
}

function readStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Sampling period in milliseconds. */
  interval?: number;
  /** Print the command's output as it runs (it is kept in `output` either way). */
  echo?: boolean;
  /** Processes to count as the command's wherever they are, by their command line (see above). */
  adopt?: (commandLine: string) => boolean;
}

/** The clock ticks a second of `/proc/<pid>/stat`'s CPU times: Linux's USER_HZ. */
const TICKS_PER_SECOND = 100;

/** User plus system CPU time of a process in milliseconds, from its `/proc/<pid>/stat` text. */
export function statCpuMs(stat: string): number {
  // The command's name, in parentheses, may hold spaces: the fields are counted after its end.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** The processes anywhere whose command line `adopt` accepts. */
function adoptedProcesses(adopt: (commandLine: string) => boolean): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (adopt(readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' '))) found.push(Number(name));
    } catch {
      // Gone between listing and reading.
    }
  }
  return found;
}

const GNU_TIME = '/usr/bin/time';

/** `user system` seconds as GNU time writes them with `-f '%U %S'`, in milliseconds. */
export function parseCpuTimes(text: string): number | undefined {
  const match = /^([\d.]+) ([\d.]+)\s*$/m.exec(text);
  return match ? Math.round((Number(match[1]) + Number(match[2])) * 1000) : undefined;
}

export function runMeasured(command: string, args: readonly string[], options: RunOptions): Promise<Measurement> {
  const interval = options.interval ?? 50;
  const started = performance.now();
  const timeDir = existsSync(GNU_TIME) ? mkdtempSync(join(tmpdir(), 'hindsight-time-')) : undefined;
  const timeFile = timeDir && join(timeDir, 'cpu');
  const [program, programArgs] = timeFile
    ? [GNU_TIME, ['-f', '%U %S', '-o', timeFile, command, ...args]]
    : [command, [...args]];
  const child = spawn(program, programArgs, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
  const chunks: Buffer[] = [];
  const collect = (chunk: Buffer) => {
    chunks.push(chunk);
    if (options.echo) process.stderr.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  let peak = 0;
  let samples = 0;
  const highWater = new Map<number, number>();
  /** The last CPU time read of each adopted process. */
  const adoptedCpu = new Map<number, number>();
  const sample = () => {
    if (child.pid === undefined) return;
    let sum = 0;
    const tree = new Set(processTree(child.pid));
    const adopted = options.adopt ? adoptedProcesses(options.adopt) : [];
    for (const pid of new Set([...tree, ...adopted])) {
      const status = readStatus(pid);
      sum += statusKb(status, 'VmRSS');
      highWater.set(pid, Math.max(highWater.get(pid) ?? 0, statusKb(status, 'VmHWM')));
    }
    for (const pid of adopted) {
      try {
        adoptedCpu.set(pid, Math.max(adoptedCpu.get(pid) ?? 0, statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'))));
      } catch {
        // Gone since: its last reading stands.
      }
    }
    peak = Math.max(peak, sum);
    samples += 1;
  };
  const timer = setInterval(sample, interval);
  sample();

  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      const largestProcessKb = Math.max(0, ...highWater.values());
      let cpuMs: number | undefined;
      if (timeDir && timeFile) {
        cpuMs = existsSync(timeFile) ? parseCpuTimes(readFileSync(timeFile, 'utf8')) : undefined;
        if (cpuMs !== undefined) for (const adopted of adoptedCpu.values()) cpuMs += Math.round(adopted);
        rmSync(timeDir, { recursive: true, force: true });
      }
      resolve({
        ...(cpuMs !== undefined ? { cpuMs } : {}),
        command: [command, ...args].join(' '),
        exitCode: code ?? (signal ? 128 : 1),
        wallMs: performance.now() - started,
        peakRssKb: Math.max(peak, largestProcessKb),
        largestProcessKb,
        samples,
        output: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}
