/**
 * What `npm run validate` prints for a validation result: every issue as `file:line:col: message`,
 * grouped by file and in line order, GitHub annotations when asked for, and a closing summary.
 */
import { formatAnnotation, formatIssue, type ContentIssue } from './errors.ts';

export interface ValidationReport {
  /** Lines for standard output, in order. */
  readonly lines: readonly string[];
  /** 1 when there is any issue, else 0. */
  readonly exitCode: 0 | 1;
}

export interface ReportOptions {
  /** How many postmortem files were checked. */
  readonly fileCount: number;
  /** Also print `::error file=...::` workflow commands (set on GitHub Actions). */
  readonly annotations?: boolean;
}

export function validationReport(issues: readonly ContentIssue[], options: ReportOptions): ValidationReport {
  const files = options.fileCount === 1 ? '1 postmortem' : `${options.fileCount} postmortems`;
  if (issues.length === 0) return { lines: [`Checked ${files}: no problems.`], exitCode: 0 };

  const sorted = sortIssues(issues);
  const lines = sorted.map(formatIssue);
  if (options.annotations) lines.push(...sorted.map(formatAnnotation));
  const problems = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const affected = new Set(issues.map((issue) => issue.file)).size;
  lines.push('', `Checked ${files}: ${problems} in ${affected === 1 ? '1 file' : `${affected} files`}.`);
  return { lines, exitCode: 1 };
}

/** By file, then line and column; issues without a line first in their file. Stable otherwise. */
export function sortIssues(issues: readonly ContentIssue[]): ContentIssue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}
