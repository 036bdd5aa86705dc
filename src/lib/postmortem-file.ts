/** What a postmortem's file name says: its id (the file name without extension) and its number. */

const FILE_NAME = /^(\d{3,})-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EXTENSION = /\.(md|mdx)$/;

export interface PostmortemName {
  readonly id: string;
  readonly number: number;
}

export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** The id and number of `content/postmortems/003-some-title.md`, or undefined if it is misnamed. */
export function parsePostmortemFileName(file: string): PostmortemName | undefined {
  const id = baseName(file).replace(EXTENSION, '');
  const match = FILE_NAME.exec(id);
  if (!match) return undefined;
  return { id, number: Number(match[1]) };
}

export function isPostmortemFile(file: string): boolean {
  return EXTENSION.test(file) && !baseName(file).startsWith('_');
}
