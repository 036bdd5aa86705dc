/**
 * The text of a new postmortem, as `npm run new` writes it: the frontmatter with every field and
 * one example event, then the body sections, each with a one-line hint. Hints start with `TODO:`,
 * which a draft may keep and a published postmortem may not (see `todoMarks` in validate.ts).
 */
import type { bodySections } from '../site.config.ts';
import { TODO_MARK } from './body.ts';
import { eventKindKeys, levelKeys, statusKeys } from './vocabulary.ts';

type SectionName = (typeof bodySections)['required' | 'optional'][number];

/** One hint per body section of the configuration, in the order a postmortem tells them. */
export const sectionHints: Readonly<Record<SectionName, string>> = {
  Summary: 'In two or three sentences: what happened, who and what was affected, and for how long.',
  Detection: 'How did we find out (an alert, a customer, a colleague), and how long after it started?',
  Response: 'What did we do, in order, to limit the damage and restore service? Who was involved?',
  Cause: 'Why did it happen? Follow the chain of causes down to the root, not just the trigger.',
  Prevention: 'What will stop it happening again, or catch it sooner? List the work under `actions:` above.',
};

export interface TemplateInput {
  readonly title: string;
  /** Today, `YYYY-MM-DD`. */
  readonly date: string;
  /** `Name <email>` of the author, when known. */
  readonly author?: string | undefined;
}

export function postmortemTemplate({ title, date, author }: TemplateInput): string {
  const lines = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `date: ${date} # the day of the write-up`,
    `status: draft # ${statusKeys.join(' | ')}`,
    `level: [${levelKeys[0]}] # one or more of: ${levelKeys.join(', ')}`,
    'authors:',
    `  - ${JSON.stringify(author ?? `${TODO_MARK} Your Name <you@example.com>`)}`,
    'services: [] # kebab-case, for example [api, billing]',
    'environments: [] # for example [staging, production]',
    'tags: []',
    'related: [] # for example - { id: 002-some-title, relation: recurrence }',
    'timeline:',
    `  - at: ${date} # YYYY-MM-DD, or a date-time such as ${date}T14:05:00Z`,
    `    kind: ${eventKindKeys[0]} # ${eventKindKeys.join(' | ')}`,
    '    environment: production',
    `    text: ${JSON.stringify(`${TODO_MARK} What happened first. Add one event per step of the story, oldest first.`)}`,
    'actions: [] # for example - { title: Add an alert on queue depth, owner: Ada, status: open, due: 2026-12-01 }',
    '---',
    '',
  ];
  for (const [section, hint] of Object.entries(sectionHints))
    lines.push(`## ${section}`, '', `${TODO_MARK} ${hint}`, '');
  return lines.join('\n');
}
