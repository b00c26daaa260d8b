/**
 * A local demo news site built from the source articles: realistic pages (masthead, navigation, byline,
 * article body with links and bold names, a share bar, a comment form, related stories, a site footer),
 * served on localhost for `npm start` and the end-to-end tests. Its chrome names places the dataset knows
 * ("US", "Europe", "Follow US"), as real sites do, so the tests see that only the article is marked.
 * Static fixture pages in tests/fixtures/pages/ are served under /fixtures/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = join(ROOT, 'src', 'data', 'sources');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'pages');

interface Article {
  id: string;
  title: string;
  byline: string;
  date: string;
  paragraphs: string[];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Phrases the demo pages wrap in inline markup, as real sites do, so split names are exercised. */
const INLINE_MARKUP: [RegExp, (m: string) => string][] = [
  [/Steve Witkoff/, () => '<b>Steve</b> Witkoff'],
  [/Truth Social/, (m) => `<a href="#truth-social">${m}</a>`],
  [/White House/, (m) => `<a href="#white-house">${m}</a>`],
  [/Vladimir Putin/, (m) => `<strong>${m}</strong>`],
];

/** Reads the source articles; paragraphs are the text's non-empty lines, the headline its first line. */
export function readArticles(): Article[] {
  return readdirSync(SOURCES)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const meta = JSON.parse(readFileSync(join(SOURCES, name), 'utf8'));
      const lines = readFileSync(join(SOURCES, name.replace(/\.json$/, '.txt')), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      if (meta.titleInText && lines[0] === meta.title) lines.shift();
      return {
        id: meta.id,
        title: meta.title,
        byline: meta.byline ?? meta.outlet ?? 'Staff reporter',
        date: meta.published.earliest,
        paragraphs: lines,
      };
    });
}

function renderParagraph(text: string): string {
  let html = escapeHtml(text);
  for (const [pattern, wrap] of INLINE_MARKUP) html = html.replace(pattern, wrap);
  return `<p>${html}</p>`;
}

/** One article page. `head` is extra markup for <head> (the e2e tests put their DOM observer there). */
export function renderArticlePage(
  article: Article,
  articles: Article[],
  head = '',
  theme: 'light' | 'dark' = 'light',
): string {
  const nav = articles
    .map(
      (a) => `<li><a href="/article/${a.id}${theme === 'dark' ? '?theme=dark' : ''}">${escapeHtml(a.title)}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(article.title)} | The Daily Dispatch</title>
${head}
<style>
  body { margin: 0; font: 18px/1.6 Georgia, "DejaVu Serif", serif; background: ${theme === 'dark' ? '#121417' : '#fbfaf7'}; color: ${theme === 'dark' ? '#e6e6e6' : '#1b1b1b'}; }
  header.masthead { border-bottom: 3px double currentColor; padding: 12px 24px; display: flex; gap: 24px; align-items: baseline; font-family: system-ui, sans-serif; }
  header.masthead .logo { font: 700 26px Georgia, serif; text-decoration: none; color: inherit; }
  header.masthead nav a { color: inherit; margin-right: 14px; font-size: 14px; }
  main { max-width: 680px; margin: 32px auto; padding: 0 20px; }
  h1 { font-size: 34px; line-height: 1.2; margin: 0 0 8px; }
  .byline { font: 14px system-ui, sans-serif; color: ${theme === 'dark' ? '#a0a0a0' : '#555'}; margin-bottom: 24px; }
  article a { color: ${theme === 'dark' ? '#8ab4f8' : '#0b57d0'}; }
  .share { display: flex; gap: 8px; margin-top: 24px; }
  .share button { font: 14px system-ui, sans-serif; padding: 4px 10px; }
  aside.more { font: 15px system-ui, sans-serif; border-top: 1px solid #8884; margin-top: 40px; padding-top: 12px; }
  form.comments { font: 15px system-ui, sans-serif; margin-top: 32px; display: grid; gap: 8px; }
  form.comments textarea, form.comments input { font: inherit; padding: 6px; }
  footer { font: 13px system-ui, sans-serif; text-align: center; padding: 32px; color: #888; }
</style>
</head>
<body>
<header class="masthead">
  <a class="logo" href="/">The Daily Dispatch</a>
  <nav aria-label="Sections"><a href="/">World</a> <a href="/">US</a> <a href="/">Politics</a> <a href="/">Europe</a> <a href="/">Opinion</a></nav>
</header>
<main>
  <article>
    <h1>${escapeHtml(article.title)}</h1>
    <p class="byline">By ${escapeHtml(article.byline)} · <time datetime="${article.date}">${article.date}</time></p>
    ${article.paragraphs.map(renderParagraph).join('\n    ')}
    <div class="share"><button type="button">Share</button> <button type="button">Follow US</button></div>
  </article>
  <form class="comments" aria-label="Comments" onsubmit="return false">
    <label for="comment">Leave a comment</label>
    <textarea id="comment" rows="3">What did Witkoff and Putin agree in Moscow?</textarea>
    <input id="name" type="text" value="Steve Witkoff fan">
    <button type="submit">Post comment</button>
  </form>
  <aside class="more"><h2>More on this story</h2><ul>${nav}</ul></aside>
</main>
<footer>
  <p>The Daily Dispatch is a demo site for News Context, built from its source articles.</p>
  <p><a href="/">US edition</a> · <a href="/">Europe edition</a></p>
</footer>
</body>
</html>`;
}

function renderIndex(articles: Article[]): string {
  const items = articles
    .map((a) => `<li><a href="/article/${a.id}">${escapeHtml(a.title)}</a> <small>${a.date}</small></li>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Daily Dispatch</title>
<style>body{font:18px/1.6 Georgia,serif;max-width:680px;margin:40px auto;padding:0 20px}</style></head>
<body><h1>The Daily Dispatch</h1><p>Latest on the war in Ukraine and the peace talks.</p><ul>${items}</ul></body></html>`;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
};

/** Starts the demo site on 127.0.0.1 (port 0 picks a free one). `head` is injected into article pages. */
export async function startDemoSite(port = 0, head = ''): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const articles = readArticles();
    const send = (status: number, body: string, type = TYPES['.html']) => {
      response.writeHead(status, { 'content-type': type ?? 'text/plain', 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/' || url.pathname === '/index.html') return send(200, renderIndex(articles));
    const article = /^\/article\/([a-z0-9-]+)$/.exec(url.pathname);
    if (article) {
      const found = articles.find((a) => a.id === article[1]);
      if (!found) return send(404, 'Not found', 'text/plain');
      return send(
        200,
        renderArticlePage(found, articles, head, url.searchParams.get('theme') === 'dark' ? 'dark' : 'light'),
      );
    }
    if (url.pathname.startsWith('/fixtures/')) {
      const path = normalize(join(FIXTURES, url.pathname.slice('/fixtures/'.length)));
      if (!path.startsWith(FIXTURES)) return send(403, 'Forbidden', 'text/plain');
      try {
        const body = readFileSync(path, 'utf8').replace('<!--E2E-HEAD-->', head);
        return send(200, body, TYPES[extname(path)] ?? 'text/plain');
      } catch {
        return send(404, 'Not found', 'text/plain');
      }
    }
    send(404, 'Not found', 'text/plain');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${actual}` };
}
