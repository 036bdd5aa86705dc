import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath, readPostmortemFile, readPostmortemFiles } from '../../src/lib/validate-fs.ts';

describe('postmortem files in a folder outside the project', () => {
  let outside: string;
  const root = '/work/project';

  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'hindsight-content-'));
    await mkdir(join(outside, 'nested'));
    await writeFile(join(outside, '001-first.md'), 'first');
    await writeFile(join(outside, 'nested', '002-second.md'), 'second');
  });
  afterAll(() => rm(outside, { recursive: true, force: true }));

  it('names them relative to the project, and reads them back by that name', async () => {
    const files = await readPostmortemFiles(root, outside);
    expect(files.map(({ file }) => file)).toEqual([
      projectPath(root, join(outside, '001-first.md')),
      projectPath(root, join(outside, 'nested', '002-second.md')),
    ]);
    expect(files[0]?.file).toMatch(/^\.\.\//);
    const again = await readPostmortemFile(root, files[1]?.file ?? '');
    expect(again.source).toBe('second');
  });

  it('gives the same name for an absolute path and a relative one', () => {
    expect(projectPath(root, '/work/project/content/001-a.md')).toBe('content/001-a.md');
    expect(projectPath(root, 'content/001-a.md')).toBe('content/001-a.md');
    expect(projectPath(root, '/elsewhere/001-a.md')).toBe('../../elsewhere/001-a.md');
  });
});
