/**
 * `npm start`: builds the extension, serves the demo news site on localhost and opens Chromium with the
 * extension loaded on it. With no display it runs headless instead: it hovers a few names, saves
 * screenshots of their cards and prints the paths.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, INSTALL_HINT, launch } from './browsers.ts';
import { readArticles, startDemoSite } from './demo-site.ts';
import { hover, readCard, scrollToHighlight, waitFor, waitForCardToSettle } from './page-probes.ts';

const ROOT = join(import.meta.dirname, '..');
const PORT = Number(process.env.PORT ?? 8765);
const NAMES = ['Witkoff', 'Alaska summit', 'Ushakov'];

if (!findChromium()) {
  console.error(INSTALL_HINT.chromium);
  process.exit(1);
}
if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { server, url } = await startDemoSite(PORT);
const articles = readArticles();
console.log(`Demo news site: ${url}/`);
const headless = process.argv.includes('--headless') || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

if (!headless) {
  const driver = await launch('chromium', ROOT, { headless: false });
  const page = await driver.newPage();
  await page.goto(`${url}/article/${articles[0]?.id ?? ''}`);
  console.log('Chromium is open with News Context loaded. Hover an underlined name. Press Ctrl+C to stop.');
  const stop = async () => {
    await driver.close().catch(() => {});
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  console.log('No display: running headless, hovering a few names and saving screenshots of their cards.');
  const out = join(ROOT, 'artifacts', 'start');
  mkdirSync(out, { recursive: true });
  const saved: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    const driver = await launch('chromium', ROOT, { headless: true });
    const page = await driver.newPage({ colorScheme });
    try {
      for (const article of articles) {
        await page.goto(`${url}/article/${article.id}${colorScheme === 'dark' ? '?theme=dark' : ''}`);
        for (const name of NAMES) {
          const file = join(out, `card-${name.toLowerCase().replace(/\W+/g, '-')}-${colorScheme}.png`);
          if (saved.includes(file)) continue;
          const target = await scrollToHighlight(page, name).catch(() => undefined);
          if (!target) continue;
          await hover(page, target);
          const card = await waitFor(() => readCard(page), `the card for ${name}`).catch(() => undefined);
          if (!card) continue;
          await waitForCardToSettle(page);
          await page.screenshot(file);
          saved.push(file);
          console.log(`  ${card.name}: ${file}`);
          await page.press('Escape');
        }
      }
    } finally {
      await driver.close();
    }
  }
  server.close();
  if (saved.length === 0) {
    console.error('No card opened: is the extension built (npm run build)?');
    process.exit(1);
  }
  console.log(`Saved ${saved.length} screenshots in ${out}`);
}
