import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromiumContext } from '/work/main/scripts/browsers.ts';
import { articlePages } from '/work/main/bench/page-bench/pages.ts';
const ext = process.argv[2];
const pages = articlePages('/work/main');
const page0 = pages[3];
const server = createServer((req, res) => { res.writeHead(200, {'content-type':'text/html'}); res.end(page0.html); });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as any).port;
const { context } = await launchChromiumContext(ext, mkdtempSync(join(tmpdir(), 'prof-')));
const agg = new Map<string, number>();
for (let run = 0; run < 6; run++) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.goto(`http://127.0.0.1:${port}/a?${run}`);
  await page.waitForTimeout(1500);
  const { profile } = await cdp.send('Profiler.stop') as any;
  if (run === 0) { await page.close(); continue; }
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  const dt = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  for (const [id, c] of counts) {
    const n: any = byId.get(id);
    const url = n.callFrame.url;
    if (!url.includes('chrome-extension')) continue;
    const key = `${n.callFrame.functionName || '(anon)'} ${url.split('/').pop()}:${n.callFrame.lineNumber}`;
    agg.set(key, (agg.get(key) ?? 0) + c * dt);
  }
  await page.close();
}
const total = [...agg.values()].reduce((a, b) => a + b, 0);
console.log('total ms over 5 loads', total.toFixed(1));
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / 5).toFixed(2), k);
await context.close(); server.close();
