import { describe, expect, it } from 'vitest';
import { parseCpuTimes, processTree, runMeasured, statCpuMs, statusKb } from '../../scripts/lib/process-tree.ts';

describe('statusKb', () => {
  const status = ['Name:\tnode', 'VmHWM:\t  204800 kB', 'VmRSS:\t  102400 kB', 'Threads:\t7'].join('\n');
  it('reads a kB field of /proc/<pid>/status', () => {
    expect(statusKb(status, 'VmRSS')).toBe(102_400);
    expect(statusKb(status, 'VmHWM')).toBe(204_800);
  });
  it('is 0 for a process without memory fields (a kernel thread or a zombie)', () => {
    expect(statusKb('Name:\tkthreadd\nState:\tS', 'VmRSS')).toBe(0);
  });
});

describe('statCpuMs', () => {
  it('adds the user and system clock ticks of /proc/<pid>/stat, whatever the command name holds', () => {
    const rest = 'S 1 2 3 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 1 0 12345 1000 100';
    expect(statCpuMs(`4242 (node) ${rest}`)).toBe(3_250);
    expect(statCpuMs(`4242 (pagefind ext) (x)) ${rest}`)).toBe(3_250);
  });
});

describe('parseCpuTimes', () => {
  it("reads GNU time's user and system seconds, also after a failing command's note", () => {
    expect(parseCpuTimes('1.50 0.25\n')).toBe(1_750);
    expect(parseCpuTimes('Command exited with non-zero status 3\n0.00 0.01\n')).toBe(10);
    expect(parseCpuTimes('')).toBeUndefined();
  });
});

describe.runIf(process.platform === 'linux')('runMeasured', () => {
  it('lists this process in its own tree', () => {
    expect(processTree(process.pid)[0]).toBe(process.pid);
  });

  it('counts the memory of a grandchild: a shell starting a node that holds 200 MB', async () => {
    const hold = 'const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => console.log(b[0]), 600);';
    const result = await runMeasured('sh', ['-c', `"${process.execPath}" -e "${hold}"; exit $?`], {
      cwd: process.cwd(),
      interval: 20,
    });
    expect(result.exitCode).toBe(0);
    expect(result.output.trim()).toBe('1');
    expect(result.peakRssKb).toBeGreaterThan(200 * 1024);
    expect(result.largestProcessKb).toBeGreaterThan(200 * 1024);
    expect(result.wallMs).toBeGreaterThan(500);
    if (result.cpuMs !== undefined) expect(result.cpuMs).toBeGreaterThan(0);
  });

  it('counts a process that left the tree, named by its command line: its memory and its CPU time', async () => {
    const marker = `hindsight-adopted-${process.pid}`;
    // Busy for 300 ms holding 100 MB, in a subshell that exits at once: the node is orphaned.
    const work =
      'const b = Buffer.alloc(100 * 1024 * 1024, 1); const end = Date.now() + 300; while (Date.now() < end); console.log(b[0]);';
    const result = await runMeasured(
      'sh',
      ['-c', `("${process.execPath}" -e "${work}" ${marker} > /dev/null &); sleep 0.8`],
      { cwd: process.cwd(), interval: 20, adopt: (commandLine) => commandLine.includes(marker) },
    );
    expect(result.exitCode).toBe(0);
    expect(result.peakRssKb).toBeGreaterThan(100 * 1024);
    if (result.cpuMs !== undefined) expect(result.cpuMs).toBeGreaterThan(200);
  });

  it('reports a failing command by its exit code', async () => {
    const result = await runMeasured('sh', ['-c', 'exit 3'], { cwd: process.cwd() });
    expect(result.exitCode).toBe(3);
  });
});
