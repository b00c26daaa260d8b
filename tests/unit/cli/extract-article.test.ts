import { describe, expect, it } from 'vitest';
import { extractArticle, looksLikeHtml } from '../../../src/cli/extract-article.ts';

const paragraphs = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the report: the harbour pilots met the council again and talked about the channel, the fees and the boats that wait outside.</p>`,
).join('');

const page = (head: string, body = '') =>
  `<!doctype html><html><head>${head}</head><body><nav><a href="/">Home</a></nav>${body}<article>${paragraphs}</article></body></html>`;

describe('extractArticle', () => {
  it('falls back to article:published_time, the JSON-LD publisher and og:url when the page gives no better', () => {
    const article = extractArticle(
      page(
        '<title>Pilots meet the council</title><meta property="article:published_time" content="2025-03-02T08:00:00Z">' +
          '<meta property="og:url" content="https://news.example/pilots">' +
          '<script type="application/ld+json">{"@type":"ReportageNewsArticle","publisher":{"name":"Harbour Daily"}}</script>',
      ),
    );
    expect(article).toMatchObject({
      title: 'Pilots meet the council',
      outlet: 'Harbour Daily',
      published: '2025-03-02T08:00:00Z',
      url: 'https://news.example/pilots',
    });
    expect(article?.body.split('\n\n')).toHaveLength(6);
    expect(article?.body).not.toContain('Home');
  });

  it('takes the date from a <time datetime> when there is no metadata, and ignores broken JSON-LD', () => {
    const article = extractArticle(
      page(
        '<title>Pilots meet the council</title><script type="application/ld+json">{ not json</script>',
        '<time datetime="2025-03-03">3 March</time>',
      ),
    );
    expect(article?.published).toBe('2025-03-03');
    expect(article?.outlet).toBeUndefined();
  });

  it('tells a page from plain text', () => {
    expect(looksLikeHtml(page(''))).toBe(true);
    expect(looksLikeHtml('Pilots meet the council\n\nThe harbour pilots met the council again.')).toBe(false);
  });
});
