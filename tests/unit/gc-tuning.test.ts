import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const workload = fileURLToPath(new URL('../support/gc-workload.ts', import.meta.url));

function fullCollections(...args: string[]): number {
  const output = execFileSync(process.execPath, [workload, ...args], { encoding: 'utf8' });
  return (JSON.parse(output) as { fullCollections: number }).fullCollections;
}

describe('tuneGarbageCollection', () => {
  it('stops memory outside the heap from setting off a full collection every few pages', () => {
    const untuned = fullCollections();
    const tuned = fullCollections('tuned');
    // The workload must show the problem, or the comparison says nothing.
    expect(untuned).toBeGreaterThanOrEqual(3);
    expect(tuned).toBeLessThanOrEqual(1);
  });
});
