/**
 * The importer's report: for each file, what it became, what was mapped, what needs a human, and
 * what `npm run validate` will say about it; then one line of totals. Plain text, one fact a line,
 * with `path:line` where a human has to look, so editors and terminals can jump there.
 */
import { formatIssue, type ContentIssue } from '../errors.ts';
import type { FileImport, ImportNote } from './convert.ts';

export interface ReportInput {
  readonly outDir: string;
  readonly files: readonly FileImport[];
  readonly issues: ReadonlyMap<string, readonly ContentIssue[]>;
  readonly dryRun: boolean;
}

export function formatImportReport({ outDir, files, issues, dryRun }: ReportInput): string {
  const lines: string[] = [
    `${dryRun ? 'Dry run: nothing is written. ' : ''}Importing ${files.length} file${files.length === 1 ? '' : 's'} into ${outDir}/`,
  ];
  for (const file of files) {
    lines.push('', file.input);
    if (file.outcome === 'skipped') {
      lines.push(...file.problems.map((problem) => `  ${problem.message}`));
      continue;
    }
    if (file.outcome === 'failed') {
      lines.push(`  not imported${file.output ? ` (it would have been ${file.output})` : ''}:`);
      lines.push(...file.problems.map((problem) => `    ${located(file.input, problem)}`));
      continue;
    }
    lines.push(`  → ${file.output}${dryRun ? ' (not written: dry run)' : ''}`);
    lines.push(...file.mapped.map((line) => `  mapped: ${line}`));
    if (file.human.length > 0) {
      lines.push('  needs a human:');
      lines.push(...file.human.map((note) => `    ${located(file.output ?? file.input, note)}`));
    }
    const found = (file.output && issues.get(file.output)) || [];
    if (found.length > 0) {
      lines.push(`  npm run validate will report, until a human fixes the above:`);
      lines.push(...found.map((issue) => `    ${formatIssue(issue)}`));
    } else {
      lines.push('  passes npm run validate');
    }
  }
  lines.push('', summary({ files, issues, dryRun }));
  return `${lines.join('\n')}\n`;
}

/** `7 files: 6 imported (2 need a human, 1 not yet valid), 1 skipped, 0 failed.` */
export function summary({ files, issues, dryRun }: Omit<ReportInput, 'outDir'>): string {
  const count = (outcome: FileImport['outcome']) => files.filter((file) => file.outcome === outcome).length;
  const imported = files.filter((file) => file.outcome === 'imported');
  const human = imported.filter((file) => file.human.length > 0).length;
  const invalid = imported.filter((file) => (file.output && issues.get(file.output)?.length) || 0).length;
  return `${files.length} file${files.length === 1 ? '' : 's'}: ${count('imported')} ${dryRun ? 'would be imported' : 'imported'} (${human} need${human === 1 ? 's' : ''} a human, ${invalid} not yet valid), ${count('skipped')} skipped, ${count('failed')} failed.`;
}

/** Whether the run failed: some file could not be imported. */
export function importFailed(files: readonly FileImport[]): boolean {
  return files.some((file) => file.outcome === 'failed');
}

function located(path: string, note: ImportNote): string {
  return note.line === undefined ? `${path}: ${note.message}` : `${path}:${note.line}: ${note.message}`;
}
