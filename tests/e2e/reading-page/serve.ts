/**
 * Bundles the reading test page (main.tsx: the extension's own popup, card and options views with the
 * bundled data) with esbuild and serves it on localhost, for the end-to-end tests in Chromium and Firefox.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>News Context views</title></head><body><div id="app"></div><script src="/main.js"></script></body></html>`;

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
 * Serves the test page at `url` (add `?view=…`), and the articles named in `articles` (name -> a .txt file
 * path) at `/article/<name>` for `?view=article&name=<name>&policy=<policy>`; `close()` stops the server.
 */
export async function startReadingPage(
  articles: ReadonlyMap<string, string> = new Map(),
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
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
  const script = result.outputFiles[0]?.text ?? '';
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const article = path.startsWith('/article/') ? articles.get(decodeURIComponent(path.slice(9))) : undefined;
    if (article) {
      void readFile(article, 'utf8').then((text) => {
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(text);
      });
    } else if (path === '/main.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(script);
    } else {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(HTML);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
