import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ExtractedArticle } from '../core/authoring/source-record.ts';

type Doc = ReturnType<typeof parseHTML>['document'];

/** True when a text is an HTML page or fragment rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text) || /<(?:p|article|div)[\s>]/i.test(text);
}

/**
 * The article in a saved page, with Mozilla's Readability on linkedom: its paragraphs (navigation, ads,
 * related links and comments left out) and its metadata from JSON-LD, Open Graph and the page's own tags.
 * Undefined when Readability finds no article.
 */
export function extractArticle(html: string): ExtractedArticle | undefined {
  const page = /<html[\s>]/i.test(html) ? html : `<html><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  // Metadata first: Readability rewrites the document it reads.
  const meta = readMetadata(document);
  removeAds(document);
  const parsed = new Readability(document as unknown as Document).parse();
  if (!parsed?.content) return undefined;
  const body = paragraphsOf(parsed.content);
  const title = meta.title ?? parsed.title ?? undefined;
  return {
    body: dropLeadingTitle(body, title),
    ...(title ? { title } : {}),
    ...((meta.byline ?? parsed.byline) ? { byline: (meta.byline ?? parsed.byline) as string } : {}),
    ...((meta.outlet ?? parsed.siteName) ? { outlet: (meta.outlet ?? parsed.siteName) as string } : {}),
    ...((meta.published ?? parsed.publishedTime)
      ? { published: (meta.published ?? parsed.publishedTime) as string }
      : {}),
    ...(meta.url ? { url: meta.url } : {}),
  };
}

/** Class or id words that mark an advertisement slot; Readability keeps an ad that sits between paragraphs. */
const AD_WORDS = new Set(['ad', 'ads', 'advert', 'advertisement', 'sponsored', 'promo', 'dfp', 'adslot']);

function removeAds(document: Doc): void {
  for (const el of Array.from(document.querySelectorAll('[class], [id], [aria-label]'))) {
    const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase().split(/[\s_-]+/);
    const label = el.getAttribute('aria-label')?.toLowerCase();
    const isAd = words.some((word) => AD_WORDS.has(word)) || label === 'advertisement';
    // "ads-enabled" on <body> or a wrapper says nothing about the article inside it.
    const wraps = /^(?:html|body|main|article)$/i.test(el.tagName) || el.querySelector('article, main, p + p + p');
    if (isAd && !wraps) el.remove();
  }
}

/** Block-level text of Readability's article HTML, one paragraph per block, blank lines between. */
function paragraphsOf(content: string): string {
  const { document } = parseHTML(`<html><body>${content}</body></html>`);
  const blocks = Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6,p,li,blockquote,pre'))
    .filter((el) => !el.parentElement?.closest('p,li,blockquote,pre'))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return blocks.length > 0 ? blocks.join('\n\n') : (document.body?.textContent ?? '').trim();
}

function dropLeadingTitle(body: string, title: string | undefined): string {
  if (!title) return body;
  const [first, ...rest] = body.split('\n\n');
  return first?.trim() === title.trim() ? rest.join('\n\n') : body;
}

interface PageMetadata {
  title?: string;
  byline?: string;
  outlet?: string;
  published?: string;
  url?: string;
}

/** Headline, author, outlet, publication date and canonical URL, from JSON-LD first, then Open Graph and meta tags. */
function readMetadata(document: Doc): PageMetadata {
  const article = jsonLdArticle(document);
  const metaContent = (selector: string) =>
    document.querySelector(selector)?.getAttribute('content')?.trim() || undefined;
  const publisher = article?.publisher as { name?: unknown } | undefined;
  const author = [article?.author].flat().map((a) => (typeof a === 'string' ? a : (a as { name?: unknown })?.name));
  const authors = author.filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  const time = document.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime') ?? undefined;
  return {
    title: str(article?.headline) ?? metaContent('meta[property="og:title"]'),
    byline: authors.length > 0 ? authors.join(', ') : metaContent('meta[name="author"]'),
    outlet: metaContent('meta[property="og:site_name"]') ?? str(publisher?.name),
    published:
      str(article?.datePublished) ??
      metaContent('meta[property="article:published_time"]') ??
      time ??
      metaContent('meta[name="date"]'),
    url:
      document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ||
      metaContent('meta[property="og:url"]') ||
      str(article?.url),
  };
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The first JSON-LD object typed as an article (NewsArticle, ReportageNewsArticle…), in arrays or @graph too. */
function jsonLdArticle(document: Doc): Record<string, unknown> | undefined {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let json: unknown;
    try {
      json = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [json];
    while (queue.length > 0) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        const types = [record['@type']].flat().map(String);
        if (types.some((t) => /Article$/.test(t))) return record;
        if (record['@graph']) queue.push(record['@graph']);
      }
    }
  }
  return undefined;
}
