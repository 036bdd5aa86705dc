/**
 * What the importer guesses from words: an event's kind and environment from its text, and a level
 * key from a level's name. Every guess is reported with the word it came from, so a reviewer can
 * check it; when no word decides, the importer says so instead of guessing.
 */
import { environmentOrder, levels } from '../../site.config.ts';
import type { EventKind, Level } from '../vocabulary.ts';

/**
 * Clue words per event kind, tried in this order: the first kind with a clue wins. The order is
 * what makes mixed texts come out right: "the instance went down again before the fix could be
 * deployed" is an outage, "a temporary patch alleviates it" a mitigation, "the root cause is found,
 * fixing the leak" a fix. Bare "outage" is not a clue, since texts say "resolving the outage".
 */
export const eventKindClues: readonly (readonly [EventKind, RegExp])[] = [
  [
    'outage',
    /\b(?:unreachable|unavailable|inaccessible|unresponsive|(?:went|goes|go|going|is|was|were) down|crash(?:ed|es|ing)?|fail(?:s|ed|ing|ure)?|cannot|can't|could not|couldn't|out of (?:disk|memory|space)|degrad(?:ed|ation))\b/i,
  ],
  [
    'mitigation',
    /\b(?:mitigat\w*|workaround|temporar(?:y|ily)|alleviat\w*|restart(?:ed|ing)?|roll(?:ed)? ?back|revert(?:ed)?|revived?|brought back|failed over)\b/i,
  ],
  ['fix', /\b(?:fix(?:ed|es|ing)?|patch(?:ed|es)?|resolv(?:ed|es|ing)|repair(?:ed)?)\b/i],
  ['deploy', /\b(?:deployed|released|shipped|rolled out|went live)\b/i],
  ['detection', /\b(?:alert(?:ed|s)?|noticed|reported|detected|spotted|paged|discovered)\b/i],
  [
    'investigation',
    /\b(?:investigat\w*|determin(?:e|ed|es)|identif(?:y|ied)|root cause|debugg?(?:ed|ing)?|diagnos\w*|dig(?:ging)? into|looked into)\b/i,
  ],
];

export type KindGuess = { readonly kind: EventKind; readonly clue: string } | { readonly kind: 'note' };

/** The kind of an event from its text, with the word that decided it; `note` when none did. */
export function inferEventKind(text: string): KindGuess {
  for (const [kind, clue] of eventKindClues) {
    const match = clue.exec(text);
    if (match) return { kind, clue: match[0] };
  }
  return { kind: 'note' };
}

/** Other words for the configured environments. */
const environmentSynonyms: Readonly<Record<string, string>> = { prod: 'production' };

/** The environments a text names, in the order they first appear. */
export function mentionedEnvironments(text: string): string[] {
  const words = [...environmentOrder, ...Object.keys(environmentSynonyms)];
  const pattern = new RegExp(`\\b(?:${words.join('|')})\\b`, 'gi');
  const found: string[] = [];
  for (const match of text.matchAll(pattern)) {
    const word = match[0].toLowerCase();
    const environment = environmentSynonyms[word] ?? word;
    if (!found.includes(environment)) found.push(environment);
  }
  return found;
}

/** The level key of a legacy level name (`Outage` or `outage`), or undefined when it is not configured. */
export function levelKey(name: string): Level | undefined {
  const wanted = name.trim().toLowerCase();
  for (const [key, level] of Object.entries(levels) as [Level, (typeof levels)[Level]][]) {
    if (key === wanted || level.label.toLowerCase() === wanted) return key;
  }
  return undefined;
}
