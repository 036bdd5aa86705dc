/**
 * A checked postmortem as plain data, so that files can be checked in worker threads and the
 * collection checks run on the results. Only `locate` is not plain data: it is left behind, and the
 * receiving side rebuilds it from the file's text when a position is first asked for (most files
 * never need one: positions are for problems).
 */
import { parseFrontmatterWithPositions, splitFrontmatter } from './frontmatter.ts';
import type { CheckedPostmortem, PostmortemFile } from './validate.ts';

export type PortablePostmortem = Omit<CheckedPostmortem, 'locate'>;

export function toPortable(postmortem: CheckedPostmortem): PortablePostmortem {
  const { id, number, file, input, data, outline, eventIds } = postmortem;
  return { id, number, file, input, data, outline, eventIds };
}

/** The checked postmortem again, `locate` reading positions from `file`, the postmortem's own text. */
export function fromPortable(portable: PortablePostmortem, file: PostmortemFile): CheckedPostmortem {
  let locate: CheckedPostmortem['locate'] | undefined;
  return {
    ...portable,
    locate(path, options) {
      if (!locate) {
        const split = splitFrontmatter(file.source);
        if (!split) throw new Error(`${file.file} has no frontmatter, so it cannot have been checked`);
        locate = parseFrontmatterWithPositions(split).locate;
      }
      return locate(path, options);
    },
  };
}
