/**
 * Bundles the reading test page (main.tsx: the extension's own popup, card and options views with the
 * bundled data) with esbuild into a temporary folder, opened as a file:// page. The extension's content
 * script runs on http(s) pages only, so its own marks never mix with what the page draws.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>News Context views</title></head><body><div id="app"></div>
<script src="articles.js"></script><script src="main.js"></script></body></html>`;

/** `import css from './x.css?inline'` as Vite reads it: the file's text. */
const inlineCss: Plugin = {
  name: 'inline-css',
  setup(builder) {
    builder.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/\?inline$/, '')),
      namespace: 'inline-css',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'inline-css' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/**
 * Writes the test page; `url` takes `?view=card|entry|timeline|options|article`. The articles named in
 * `articles` (name -> a .txt file) are bundled for `?view=article&name=<name>&policy=<policy>`.
 * `close()` removes the folder.
 */
export async function startReadingPage(
  articles: ReadonlyMap<string, string> = new Map(),
): Promise<{ url: string; close(): Promise<void> }> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'main.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    plugins: [inlineCss],
    logLevel: 'silent',
  });
  const dir = mkdtempSync(join(tmpdir(), 'news-context-views-'));
  const texts = Object.fromEntries([...articles].map(([name, path]) => [name, readFileSync(path, 'utf8')]));
  writeFileSync(join(dir, 'index.html'), HTML);
  writeFileSync(join(dir, 'main.js'), result.outputFiles[0]?.text ?? '');
  writeFileSync(join(dir, 'articles.js'), `window.ncArticles = ${JSON.stringify(texts)};`);
  return {
    url: pathToFileURL(join(dir, 'index.html')).href,
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
