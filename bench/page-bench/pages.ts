/**
 * The pages the page benchmark loads, generated from the source articles in src/data/sources: one ~1 MB
 * news live blog and a set of ordinary 2–10 KB article pages, each inside a news site's chrome (navigation,
 * masthead, share buttons, related links, footer), the way readers meet them. Every page starts with the
 * same inline script (`PAGE_PROBE`), which observes the page from the inside before any content script runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OFF_TOPIC_ARTICLE } from './off-topic-article.ts';

/** One generated page. */
export interface BenchPage {
  /** Path on the bench's server, e.g. `/article/trump-and-putin-to-meet`. */
  path: string;
  /** Short label for the tables. */
  label: string;
  html: string;
  /** Bytes of article text (what a reader reads, without the chrome). */
  textBytes: number;
  /** False for a page that mentions nothing of the dataset: its load settles without waiting for a mark. */
  expectsMarks?: boolean;
}

interface SourceArticle {
  id: string;
  title: string;
  byline: string;
  paragraphs: string[];
}

/**
 * The page's first script: long tasks and long animation frames (both buffered, so nothing before it is
 * missed), and a sampler that counts what a highlighter added (every `CSS.highlights` entry's size, whatever
 * its name, and `mark` elements). The sampler is one named function (`__ncSample`), so that the bench can
 * leave its tasks out of the page's main-thread time, and runs as a user-blocking task: it polls every 5 ms
 * until the first highlight is seen (to time it), then every 50 ms; it tells the bench when the count has
 * settled, and stops when told.
 */
const PAGE_PROBE = `<script>
(() => {
  const probe = (window.__nc = { longTasks: [], frames: [], count: 0, firstSeen: null, lastChange: null, stopped: false });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'))
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        probe.frames.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'long-animation-frame', buffered: true });
  const marks = document.getElementsByTagName('mark');
  // A user-blocking task runs before the continuations of a script that yields (scheduler.yield()), which
  // would hold a timer back until that script is done.
  const later = (fn, ms) =>
    window.scheduler && scheduler.postTask ? scheduler.postTask(fn, { priority: 'user-blocking', delay: ms }) : setTimeout(fn, ms);
  function __ncSample() {
    if (probe.stopped) return;
    let count = marks.length;
    for (const highlight of CSS.highlights.values()) count += highlight.size;
    if (count !== probe.count) {
      const now = performance.now();
      if (probe.firstSeen === null && count > 0) probe.firstSeen = now;
      probe.count = count;
      probe.lastChange = now;
    }
    if (probe.onSettled) {
      const loaded = performance.getEntriesByType('navigation')[0]?.loadEventEnd || 0;
      const at = probe.expectMarks ? (probe.count > 0 ? probe.lastChange : null) : Math.max(loaded, probe.lastChange || 0);
      if (at !== null && loaded > 0 && performance.now() - at >= 500) {
        probe.settledAt = at;
        probe.onSettled(at);
        probe.onSettled = null;
      }
    }
    later(__ncSample, probe.firstSeen === null ? 5 : 50);
  }
  // The bench calls this once the page has loaded: resolves with the time the count last changed, once it has
  // been stable for 500 ms (with expectMarks, only after something was highlighted).
  probe.settle = (expectMarks) => new Promise((resolve) => { probe.expectMarks = expectMarks; probe.onSettled = resolve; });
  __ncSample();
})();
</script>`;

const SECTIONS = ['World', 'Europe', 'US', 'Politics', 'Business', 'Opinion', 'Science', 'Sport', 'Culture'];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The source articles: title and byline from their JSON, paragraphs from their text (title and byline lines dropped). */
function readSources(root: string): SourceArticle[] {
  const dir = join(root, 'src', 'data', 'sources');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const id = name.slice(0, -'.txt'.length);
      const meta = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as { title: string; byline?: string };
      const byline = meta.byline ?? 'Staff';
      const paragraphs = readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0 && line !== meta.title && line !== byline);
      return { id, title: meta.title, byline, paragraphs };
    });
}

function siteHeader(): string {
  const links = SECTIONS.map((s) => `<li><a href="/section/${s.toLowerCase()}">${s}</a></li>`).join('');
  return `<header class="masthead"><a class="logo" href="/">The Daily Ledger</a>
<nav aria-label="Sections"><ul>${links}</ul></nav>
<button type="button" class="subscribe">Subscribe</button></header>`;
}

function siteFooter(): string {
  const links = SECTIONS.map((s) => `<a href="/section/${s.toLowerCase()}">${s}</a>`).join(' · ');
  return `<footer class="site-footer"><nav aria-label="Footer">${links}</nav>
<p>© 2025 The Daily Ledger. About us · Contact · Terms of use · Privacy · Cookie settings · Careers</p>
<p>Follow us on X, Facebook and Instagram. Get our morning newsletter on Europe, Ukraine and the US.</p></footer>`;
}

function relatedLinks(others: SourceArticle[]): string {
  const items = others.map((a) => `<li><a href="/article/${a.id}">${escapeHtml(a.title)}</a></li>`).join('');
  return `<aside class="related"><h2>Related stories</h2><ul>${items}</ul>
<h2>Most read</h2><ol><li><a href="/a">Markets rally as rates hold</a></li><li><a href="/b">Storm warning for the coast</a></li>
<li><a href="/c">Five takeaways from the summit in Alaska</a></li></ol></aside>`;
}

const SHARE = `<div class="share"><button type="button">Share</button><button type="button">Save</button>
<button type="button">Comments (128)</button></div>`;

const STYLE = `<style>
body{font:17px/1.55 Georgia,serif;margin:0;color:#1a1a1a}
.masthead{display:flex;gap:24px;align-items:center;padding:12px 24px;border-bottom:1px solid #ccc}
.masthead ul{display:flex;gap:14px;list-style:none;margin:0;padding:0}.logo{font:700 24px sans-serif}
.layout{display:grid;grid-template-columns:minmax(0,700px) 280px;gap:40px;justify-content:center;padding:24px}
.related{font:15px/1.4 sans-serif}.share button{margin-right:8px}
.byline,.dateline{font:14px sans-serif;color:#555}.site-footer{padding:24px;background:#f2f2f2;font:14px sans-serif}
figure{margin:24px 0}figcaption{font:14px sans-serif;color:#555}.entry{border-top:1px solid #ddd;padding-top:8px}
</style>`;

function htmlDocument(title: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
${PAGE_PROBE}
${STYLE}</head><body>
${siteHeader()}
${main}
${siteFooter()}
</body></html>`;
}

/** An ordinary article page: breadcrumbs, headline, byline, a figure, the text with a fact box, related links. */
function articlePage(article: SourceArticle, paragraphs: string[], others: SourceArticle[]): string {
  const body: string[] = [];
  paragraphs.forEach((text, i) => {
    body.push(`<p>${escapeHtml(text)}</p>`);
    if (i === 1)
      body.push(`<figure><div style="height:200px;background:#dde"></div>
<figcaption>Officials arrive for the talks. Photograph: Agency</figcaption></figure>`);
  });
  const main = `<main class="layout"><article>
<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/section/world">World</a> › <a href="/section/europe">Europe</a></nav>
<header><h1>${escapeHtml(article.title)}</h1>
<p class="byline">By ${escapeHtml(article.byline)}</p><p class="dateline"><time datetime="2025-08-07">7 August 2025</time></p></header>
${SHARE}
${body.join('\n')}
<footer class="byline">Additional reporting by agencies.</footer>
</article>
${relatedLinks(others)}</main>`;
  return htmlDocument(article.title, main);
}

/** The ordinary article pages: each source article alone (2–7 KB), and the longest and shortest joined (~9 KB). */
export function articlePages(root: string): BenchPage[] {
  const sources = readSources(root);
  const pages = sources.map((article) => ({ article, paragraphs: article.paragraphs }));
  const bySize = [...sources].sort((a, b) => b.paragraphs.join('').length - a.paragraphs.join('').length);
  const [first, second] = [bySize[0], bySize[bySize.length - 1]];
  if (first && second && first !== second)
    pages.push({
      article: { ...first, id: `${first.id}-analysis` },
      paragraphs: [...first.paragraphs, ...second.paragraphs],
    });
  return pages.map(({ article, paragraphs }) => {
    const textBytes = Buffer.byteLength(paragraphs.join('\n'));
    return {
      path: `/article/${article.id}`,
      label: `${article.id} (${(textBytes / 1000).toFixed(1)} KB)`,
      html: articlePage(
        article,
        paragraphs,
        sources.filter((a) => a.id !== article.id),
      ),
      textBytes,
    };
  });
}

/** A news site's page chrome as big sites ship it: a menu of every section's pages, story grids, a site map. */
function heavyChrome(): { top: string; bottom: string } {
  const menu = SECTIONS.map(
    (section) =>
      `<li><a href="/section/${section.toLowerCase()}">${section}</a><ul>${Array.from(
        { length: 16 },
        (_, i) => `<li><a href="/section/${section.toLowerCase()}/${i}">${section} topic ${i + 1}</a></li>`,
      ).join('')}</ul></li>`,
  ).join('');
  const card = (section: string, i: number) =>
    `<div class="card"><a href="/story/${section.toLowerCase()}-${i}"><div class="thumb"><span class="badge">${section}</span></div>
<h3><span>Story ${i + 1} of the ${section.toLowerCase()} desk today</span></h3></a><p class="meta"><time>${i + 1}h ago</time> <span>${i * 7} comments</span></p></div>`;
  const grid = SECTIONS.map(
    (section) =>
      `<section class="grid"><h2>${section}</h2><div class="cards">${Array.from({ length: 20 }, (_, i) => card(section, i)).join('')}</div></section>`,
  ).join('');
  const siteMap = SECTIONS.map(
    (section) =>
      `<div><h4>${section}</h4><ul>${Array.from({ length: 20 }, (_, i) => `<li><a href="/map/${section.toLowerCase()}/${i}">${section} ${i + 1}</a></li>`).join('')}</ul></div>`,
  ).join('');
  // Ad slots without their frames: a frame would run the extensions' scripts once more.
  const slot = (i: number) => `<div class="slot" id="slot-${i}"><div><div style="height:250px"></div></div></div>`;
  // The menu's lists open on hover, as on real sites (hidden until then); the grids and the map come after the article.
  const style = `<style>.mega>ul{display:flex;flex-wrap:wrap;gap:12px;list-style:none;margin:0;padding:8px 24px}
.mega ul ul{display:none}.mega li:hover>ul{display:block;position:absolute;background:#fff}
.cards{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:16px}.thumb{height:120px;background:#e4e4ea}
.grid,.sitemap{padding:0 24px;font:14px/1.4 sans-serif}.sitemap{display:grid;grid-template-columns:repeat(5,1fr)}</style>`;
  return {
    top: `${style}<nav class="mega" aria-label="All sections"><ul>${menu}</ul></nav>${slot(1)}`,
    bottom: `${slot(2)}<div class="more">${grid}</div><nav class="sitemap" aria-label="Site map">${siteMap}</nav>`,
  };
}

/**
 * The 5.1 KB article in a page as heavy as big news sites make them (a menu of every section, story grids, a site
 * map, ad slots: about 2,500 elements), where whatever restyles the whole page costs what it does on real sites.
 */
export function fullSitePage(root: string): BenchPage {
  const sources = readSources(root);
  const article = sources.find((a) => a.id === 'trump-begins-effort-to-broker-talks') ?? (sources[0] as SourceArticle);
  const { top, bottom } = heavyChrome();
  const html = articlePage(
    article,
    article.paragraphs,
    sources.filter((a) => a !== article),
  )
    .replace('<main class="layout">', `${top}<main class="layout">`)
    .replace('</main>', `</main>${bottom}`);
  const textBytes = Buffer.byteLength(article.paragraphs.join('\n'));
  const elements = (html.match(/<[a-z][a-z0-9]*[\s>]/g) ?? []).length;
  return {
    path: `/full-site/${article.id}`,
    label: `${article.id} in a full site page (${(textBytes / 1000).toFixed(1)} KB, ${elements.toLocaleString('en')} elements)`,
    html,
    textBytes,
  };
}

/**
 * An article page that mentions nothing of the dataset, as most pages a reader opens: an invented local story
 * of about 5 KB (off-topic-article.ts) in the same site chrome, without related links. What it costs is what
 * the extension costs on every page where it finds nothing.
 */
export function offTopicPage(): BenchPage {
  const { paragraphs } = OFF_TOPIC_ARTICLE;
  const article = { id: 'no-mention', ...OFF_TOPIC_ARTICLE };
  const textBytes = Buffer.byteLength(paragraphs.join('\n'));
  return {
    path: '/article/no-mention',
    label: `no-mention article (${(textBytes / 1000).toFixed(1)} KB)`,
    html: articlePage(article, paragraphs, []),
    textBytes,
    expectsMarks: false,
  };
}

/**
 * A live blog of about `targetBytes` of text: timestamped entries cycling through the source paragraphs,
 * some names split by inline markup as on real sites, with the site's chrome around it.
 */
export function liveBlogPage(root: string, targetBytes = 1_000_000): BenchPage {
  const sources = readSources(root);
  const paragraphs = sources.flatMap((a) => a.paragraphs).filter((p) => p.length > 40);
  const parts: string[] = [];
  let textBytes = 0;
  for (let i = 0; textBytes < targetBytes; i++) {
    const text = paragraphs[i % paragraphs.length] as string;
    textBytes += Buffer.byteLength(text);
    if (i % 4 === 0) {
      const minutes = 24 * 60 - 1 - ((i / 4) % (24 * 60));
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      parts.push(`${i > 0 ? '</section>' : ''}<section class="entry"><p class="dateline"><time>${time}</time></p>`);
      if (i % 40 === 0) parts.push(`<h2>Update ${i / 40 + 1}: talks continue</h2>`);
    }
    parts.push(`<p>${escapeHtml(text).replace('Witkoff', '<b>Witkoff</b>')}</p>`);
  }
  parts.push('</section>');
  const title = 'Live: Ukraine peace talks, day by day';
  const main = `<main class="layout"><article><header><h1>${title}</h1>
<p class="byline">By our correspondents</p></header>${SHARE}
${parts.join('\n')}</article>
${relatedLinks(sources)}</main>`;
  return {
    path: '/live',
    label: `live blog (${(textBytes / 1e6).toFixed(2)} MB)`,
    html: htmlDocument(title, main),
    textBytes,
  };
}
