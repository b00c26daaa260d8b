/**
 * Content-script cost on a huge page: serves a generated article with about 1 MB of text, loads it in
 * Chromium with the built extension (`npm run build` first), and reads Chromium's own measurements:
 * long tasks (PerformanceObserver 'longtask', registered before the content script runs) and the
 * scan marks the content script adds under `data-news-context-debug`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { launch } from '../scripts/browsers.ts';

const ROOT = join(import.meta.dirname, '..');
const TARGET_BYTES = 1_000_000;

function buildPage(): { html: string; textBytes: number } {
  const dir = join(ROOT, 'src', 'data', 'sources');
  const paragraphs = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 40)
    .map((line) => line.replace(/[&<>]/g, ' '));
  const parts: string[] = [];
  let textBytes = 0;
  for (let i = 0; textBytes < TARGET_BYTES; i++) {
    const text = paragraphs[i % paragraphs.length] as string;
    textBytes += text.length;
    // Some names split by inline markup, as on real sites.
    parts.push(`<p>${text.replace('Witkoff', '<b>Witkoff</b>')}</p>`);
    if (i % 40 === 0) parts.push(`<h2>Section ${i / 40 + 1}</h2>`);
  }
  const html = `<!doctype html><html lang="en" data-news-context-debug><head><meta charset="utf-8"><title>1 MB</title>
<script>
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
</script>
<style>body{font:16px/1.5 Georgia,serif;max-width:700px;margin:20px auto}</style></head>
<body><main><article>${parts.join('\n')}</article></main></body></html>`;
  return { html, textBytes };
}

const { html, textBytes } = buildPage();
const server = createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(html);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const driver = await launch('chromium', ROOT);
try {
  const page = await driver.newPage();
  await page.goto(url);
  const loadedAt = Date.now();
  const result = await (async () => {
    for (;;) {
      const found = await page.evaluate(() => {
        const scan = performance.getEntriesByName('news-context-scan', 'measure')[0];
        if (!scan) return null;
        const slices = performance.getEntriesByName('news-context-slice', 'measure').map((e) => e.duration);
        const longTasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
        const during = longTasks.filter(
          (t) => t.start + t.duration >= scan.startTime && t.start <= scan.startTime + scan.duration,
        );
        let highlights = 0;
        for (const [name, h] of CSS.highlights) if (name.startsWith('news-context-')) highlights += h.size;
        return {
          scanMs: scan.duration,
          slices: slices.length,
          longestSliceMs: Math.max(...slices),
          longTasksDuringScan: during.map((t) => Math.round(t.duration)),
          longestTaskDuringScanMs: Math.max(0, ...during.map((t) => t.duration)),
          highlights,
        };
      });
      if (found) return found;
      if (Date.now() - loadedAt > 120_000) throw new Error('The scan did not finish in 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  console.log(`Page text: ${(textBytes / 1e6).toFixed(2)} MB`);
  console.log(`Highlights: ${result.highlights}`);
  console.log(`Total scan time: ${result.scanMs.toFixed(0)} ms in ${result.slices} slices`);
  console.log(`Longest slice of ours: ${result.longestSliceMs.toFixed(1)} ms`);
  console.log(
    `Long tasks (>50 ms) during the scan: ${result.longTasksDuringScan.length ? result.longTasksDuringScan.join(', ') : 'none'}; longest ${result.longestTaskDuringScanMs.toFixed(0)} ms`,
  );
} finally {
  await driver.close();
  server.close();
}
