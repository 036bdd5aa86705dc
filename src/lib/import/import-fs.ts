/**
 * The importer's file-system side: reads the legacy files and the postmortems already in the output
 * folder, validates the planned files together with those (with the validator the build uses), and
 * writes them, never over an existing file. The conversion itself is `convert.ts`.
 */
import { constants, existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ContentIssue } from '../errors.ts';
import { parsePostmortemFileName } from '../postmortem-file.ts';
import { readPostmortemFiles } from '../validate-fs.ts';
import { validatePostmortems, type PostmortemFile } from '../validate.ts';
import type { Status } from '../vocabulary.ts';
import { planImport, type FileImport, type LegacyFile } from './convert.ts';

export interface ImportOptions {
  /** Directory paths are shown relative to, and the root of the project's content (`process.cwd()`). */
  readonly cwd: string;
  /** Where relative input and output paths start (the directory the user ran the command in). */
  readonly from: string;
  /** Files (or folders of `.md` files) to import. */
  readonly inputs: readonly string[];
  /** Output folder. */
  readonly outDir: string;
  readonly status: Status;
  /** Plan, validate and report, but write nothing. */
  readonly dryRun: boolean;
}

export interface ImportRun {
  /** Output folder, as shown. */
  readonly outDir: string;
  readonly files: readonly FileImport[];
  /** What `npm run validate` will say about each imported file, by its shown path. */
  readonly issues: ReadonlyMap<string, readonly ContentIssue[]>;
  readonly dryRun: boolean;
}

export async function importLegacyFiles(options: ImportOptions): Promise<ImportRun> {
  const show = (path: string) => displayPath(options.cwd, path);
  const outAbsolute = resolve(options.from, options.outDir);
  const outDir = show(outAbsolute);
  const { legacy, missing } = await readInputs(options, show);
  const existing = existsSync(outAbsolute)
    ? await readPostmortemFiles(options.cwd, relative(options.cwd, outAbsolute))
    : [];
  const existingIds = new Set(existing.flatMap(({ file }) => parsePostmortemFileName(file)?.id ?? []));

  const planned = planImport(legacy, {
    outDir,
    existingIds,
    status: options.status,
    fileExists: (path) => existsSync(path) && statSync(path).isFile(),
  });
  const files = [...missing, ...planned];
  const imported = files.filter((file) => file.outcome === 'imported');
  const issues = validateWith(
    existing.map((file) => ({ ...file, file: show(resolve(options.cwd, file.file)) })),
    imported,
  );
  if (options.dryRun) return { outDir, files, issues, dryRun: true };

  const written = await Promise.all(files.map((file) => write(file, options.cwd)));
  return { outDir, files: written, issues, dryRun: false };
}

/** The legacy files named by the inputs (a folder stands for its `.md` files), and the inputs not found. */
async function readInputs(
  options: ImportOptions,
  show: (path: string) => string,
): Promise<{ legacy: LegacyFile[]; missing: FileImport[] }> {
  const legacy: LegacyFile[] = [];
  const missing: FileImport[] = [];
  for (const input of options.inputs) {
    const path = resolve(options.from, input);
    const stat = existsSync(path) ? statSync(path) : undefined;
    const paths = stat?.isDirectory()
      ? (await readdir(path))
          .filter((name) => /\.(?:md|markdown)$/i.test(name))
          .sort()
          .map((name) => join(path, name))
      : [path];
    if (!stat) {
      missing.push({
        input: show(path),
        outcome: 'failed',
        assets: [],
        mapped: [],
        human: [],
        problems: [{ message: 'no such file or folder' }],
      });
      continue;
    }
    for (const file of paths) {
      legacy.push({ path: file.split(sep).join('/'), display: show(file), source: await readFile(file, 'utf8') });
    }
  }
  return { legacy, missing };
}

/** Every issue of the imported files, validated together with the postmortems already there. */
function validateWith(
  existing: readonly PostmortemFile[],
  imported: readonly FileImport[],
): Map<string, ContentIssue[]> {
  const files = imported.flatMap((file) =>
    file.output && file.text ? [{ file: file.output, source: file.text }] : [],
  );
  const ours = new Set(files.map((file) => file.file));
  const byFile = new Map<string, ContentIssue[]>();
  for (const issue of validatePostmortems([...existing, ...files]).issues) {
    if (!ours.has(issue.file)) continue;
    byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
  }
  return byFile;
}

/** Writes an imported file and its images; a file that appeared meanwhile makes it fail, not overwritten. */
async function write(file: FileImport, cwd: string): Promise<FileImport> {
  if (file.outcome !== 'imported' || !file.output || file.text === undefined) return file;
  const target = resolve(cwd, file.output);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.text, { flag: 'wx' });
  } catch (error) {
    return { ...file, outcome: 'failed', problems: [{ message: `could not write ${file.output}: ${reason(error)}` }] };
  }
  const problems = [];
  for (const asset of file.assets) {
    const to = resolve(cwd, asset.to);
    try {
      await mkdir(dirname(to), { recursive: true });
      await copyFile(asset.from, to, constants.COPYFILE_EXCL);
    } catch (error) {
      problems.push({ message: `could not copy ${asset.from} to ${asset.to}: ${reason(error)}` });
    }
  }
  return problems.length > 0 ? { ...file, human: [...file.human, ...problems] } : file;
}

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EEXIST') return 'it already exists, and the importer never overwrites';
  return error instanceof Error ? error.message : String(error);
}

/** A path relative to `cwd` when it is inside it, else absolute; with forward slashes. */
export function displayPath(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  const shown = inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
  return shown.split(sep).join('/');
}
