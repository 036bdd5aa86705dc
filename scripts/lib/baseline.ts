/**
 * The benchmark's baseline: the barest Astro 7 site that renders the same Markdown files with the
 * same Markdown processor, so the ratio says what Hindsight's own work costs. It has Astro's
 * `unified()` processor with remark-gfm and SmartyPants off (as Hindsight has), a schema-less
 * `glob()` loader over the generated folder, and one minimal page per file. It reuses the
 * project's `node_modules` through a symlink and is written fresh into a folder of its own.
 */
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface BaselineOptions {
  /** Folder to write the baseline project into; emptied first. */
  dir: string;
  /** Absolute path of the Markdown files. */
  contentDir: string;
  /** Absolute path of the project's node_modules. */
  nodeModules: string;
  /** Absolute path for Astro's and Vite's caches. */
  cacheDir: string;
}

/** The files of the baseline project, by path relative to its root. */
export function baselineFiles({ contentDir, cacheDir }: Pick<BaselineOptions, 'contentDir' | 'cacheDir'>) {
  return {
    'package.json': `${JSON.stringify({ name: 'hindsight-bench-baseline', private: true, type: 'module' }, null, 2)}\n`,
    'astro.config.mjs': [
      `import { unified } from '@astrojs/markdown-remark';`,
      `import { defineConfig } from 'astro/config';`,
      `import remarkGfm from 'remark-gfm';`,
      ``,
      `export default defineConfig({`,
      `  cacheDir: ${JSON.stringify(`${cacheDir}/astro`)},`,
      `  vite: { cacheDir: ${JSON.stringify(`${cacheDir}/vite`)} },`,
      `  trailingSlash: 'always',`,
      `  markdown: { processor: unified({ gfm: false, smartypants: false, remarkPlugins: [remarkGfm] }) },`,
      `});`,
      ``,
    ].join('\n'),
    'src/content.config.ts': [
      `import { defineCollection } from 'astro:content';`,
      `import { glob } from 'astro/loaders';`,
      ``,
      `const postmortems = defineCollection({`,
      `  loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: ${JSON.stringify(contentDir)} }),`,
      `});`,
      ``,
      `export const collections = { postmortems };`,
      ``,
    ].join('\n'),
    'src/pages/[id].astro': [
      `---`,
      `import { getCollection, render } from 'astro:content';`,
      ``,
      `export async function getStaticPaths() {`,
      `  const entries = await getCollection('postmortems');`,
      `  return entries.map((entry) => ({ params: { id: entry.id }, props: { entry } }));`,
      `}`,
      ``,
      `const { entry } = Astro.props;`,
      `const { Content } = await render(entry);`,
      `---`,
      ``,
      `<html lang="en">`,
      `  <head><meta charset="utf-8" /><title>{String(entry.data.title)}</title></head>`,
      `  <body><main><Content /></main></body>`,
      `</html>`,
      ``,
    ].join('\n'),
  } as const;
}

/** Writes the baseline project; returns its root. */
export async function writeBaseline(options: BaselineOptions): Promise<string> {
  await rm(options.dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(baselineFiles(options))) {
    await mkdir(join(options.dir, path, '..'), { recursive: true });
    await writeFile(join(options.dir, path), text);
  }
  await symlink(options.nodeModules, join(options.dir, 'node_modules'), 'dir');
  return options.dir;
}
