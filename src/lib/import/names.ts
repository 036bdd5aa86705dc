/**
 * File names of imported postmortems. Legacy files are named like their H1
 * (`003 - Postmortem for v0.0.26 release.md`); Hindsight's are `NNN-kebab-title.md`
 * (`003-postmortem-for-v0-0-26-release.md`), and the name without `.md` is the postmortem's id.
 */

import { kebabCase } from '../kebab.ts';
import { kebabTitle, postmortemId as newPostmortemId } from '../postmortem-file.ts';

export { kebabCase };

export interface LegacyFileName {
  /** The number written at the start of the name, as written (`003`). */
  readonly number?: string;
  /** The rest of the name, without its extension (`Postmortem for v0.0.26 release`). */
  readonly title: string;
}

/** Reads `003 - Postmortem for v0.0.26 release.md` (or the already kebab-cased `003-postmortem-...md`). */
export function parseLegacyFileName(path: string): LegacyFileName {
  const name = path
    .slice(path.lastIndexOf('/') + 1)
    .replace(/\.(?:md|mdx|markdown)$/i, '')
    .trim();
  const match = /^(\d+)(?:\s*[-–—_:.]\s*|\s+)(.*)$/.exec(name);
  if (!match) return { title: name };
  return { number: match[1] as string, title: (match[2] as string).trim() };
}

/** `3` → `003`: at least three digits, as Hindsight's file names have. */
export function formatNumber(number: number): string {
  return String(number).padStart(3, '0');
}

/**
 * `003-postmortem-for-v0-0-26-release`, named as `npm run new` names files; a title with no letter
 * or digit gives `003-postmortem`.
 */
export function postmortemId(number: number, title: string): string {
  return kebabTitle(title) === '' ? `${formatNumber(number)}-postmortem` : newPostmortemId(number, title);
}

/** A copied file's name, safe in a URL: `ECR access failure.PNG` → `ecr-access-failure.png`. */
export function assetName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const stem = kebabCase(dot > 0 ? name.slice(0, dot) : name) || 'file';
  const extension = dot > 0 ? kebabCase(name.slice(dot + 1)) : '';
  return extension === '' ? stem : `${stem}.${extension}`;
}
