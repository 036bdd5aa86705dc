import { defineCollection } from 'astro:content';
import { postmortemLoader } from './loaders/postmortems.ts';
import { PostmortemSchema } from './schemas/postmortem.ts';
import { site } from './site.config.ts';

const postmortems = defineCollection({
  loader: postmortemLoader({ base: site.contentDir, siteBase: site.base, renderWorkers: site.renderWorkers }),
  schema: PostmortemSchema,
});

export const collections = { postmortems };
