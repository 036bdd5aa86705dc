import { describe, expect, it } from 'vitest';
import { parseCpuTimes, processTree, runMeasured, statusKb } from '../../scripts/lib/process-tree.ts';

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

  it('reports a failing command by its exit code', async () => {
    const result = await runMeasured('sh', ['-c', 'exit 3'], { cwd: process.cwd() });
    expect(result.exitCode).toBe(3);
  });
});
