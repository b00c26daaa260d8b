import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineWxtModule } from 'wxt/modules';

/**
 * Chromium's builds load each content script as a module, imported by a content script the manifest lists.
 *
 * A content script the manifest lists is a classic script that Chromium compiles on the page's main thread, each
 * function on its first call, and caches nowhere: on a short article that was 20 to 29 ms of every page's time
 * (docs/content-script.md). A module imported from the extension is streamed:
 * V8 compiles it on a background thread while it loads, and the compile hint at its top
 * (`allFunctionsCalledOnLoad`) makes that compile cover every function, so the page's main thread runs the
 * code without compiling it. The module is a web-accessible resource only through a URL drawn per browser
 * session (`use_dynamic_url`), so a page cannot fetch it by the extension's id to learn it is installed.
 *
 * A script listed to run later (`document_idle`) in the same frames as one that runs at `document_start` is not
 * listed at all: the `document_start` script imports it, before the page is parsed, and the module waits for the
 * page's text itself (`whenParsed`, src/page/page-parsed.ts). Chromium holds a page's `load` event back until
 * the extension's `document_end` and `document_idle` scripts have run, in a task of its own after
 * `DOMContentLoaded`; where no frame came first, the page then laid itself out in that task (48 to 213 ms on the
 * 1 MB live blog), which the page's own long-task observer counted after `DOMContentLoaded` (docs/measurements.md,
 * the page's twentieth round). With only a `document_start` script, the page's parsing, `load` and that layout
 * stay in one task as often as without the extension, provided that script adopts the marks' sheet before the
 * page has an element (`HighlightSheet.adoptProvisional`; a sheet adopted as the parsing ends held `load` back more
 * often, the twenty-first round). A later script with no `document_start` script in its frames gets a loader of
 * one line in its place instead.
 *
 * The card's UI script (`card-ui.js`), which the content script needs the first time a card may be wanted, is
 * imported the same way (`src/ext/card-ui-script.ts`), so the first card does not compile Preact and the card
 * on the page's main thread either.
 *
 * Firefox keeps the classic scripts: it compiles an extension's content scripts once and keeps them for every
 * page, and its background runs the card's UI script. `wxt dev` keeps them too (its reloads serve the scripts
 * themselves).
 */
export default defineWxtModule({
  name: 'content-script-as-module',
  setup(wxt) {
    if (wxt.config.command !== 'build' || wxt.config.browser === 'firefox') return;
    /** Each later script, and the `document_start` script that imports it (undefined: a loader in its place). */
    const plan = new Map<string, string | undefined>();
    wxt.hook('build:manifestGenerated', (_wxt, manifest) => {
      const entries = (manifest.content_scripts ?? []) as ContentScriptEntry[];
      const starts = entries.filter((entry) => entry.run_at === 'document_start');
      const kept: ContentScriptEntry[] = [];
      for (const entry of entries) {
        if (entry.run_at === 'document_start') {
          kept.push(entry);
          continue;
        }
        const importer = starts.find((start) => sameFrames(start, entry))?.js?.at(-1);
        for (const script of entry.js ?? []) plan.set(script, importer);
        if (!importer) kept.push(entry);
      }
      if (plan.size === 0) return;
      manifest.content_scripts = kept as typeof manifest.content_scripts;
      manifest.web_accessible_resources = [
        ...((manifest.web_accessible_resources ?? []) as object[]),
        {
          resources: [...[...plan.keys()].map(moduleFileOf), ...IMPORTED_BY_CONTENT_SCRIPTS],
          matches: ['<all_urls>'],
          use_dynamic_url: true,
        },
      ] as typeof manifest.web_accessible_resources;
    });
    wxt.hook('build:done', async (_wxt, output) => {
      for (const imported of IMPORTED_BY_CONTENT_SCRIPTS) {
        const path = join(wxt.config.outDir, imported);
        await writeFile(path, `${COMPILE_HINT}\n${await readFile(path, 'utf8')}`);
      }
      for (const [script, importer] of plan) {
        const path = join(wxt.config.outDir, script);
        const code = await readFile(path, 'utf8');
        await writeFile(join(wxt.config.outDir, moduleFileOf(script)), `${COMPILE_HINT}\n${code}`);
        if (importer) {
          await rm(path);
          for (const step of output.steps) step.chunks = step.chunks.filter((chunk) => chunk.fileName !== script);
          await appendFile(join(wxt.config.outDir, importer), `\n${loaderFor(moduleFileOf(script))}`);
        } else await writeFile(path, loaderFor(moduleFileOf(script)));
        // Listed in WXT's build summary with the other files.
        output.publicAssets.push({ type: 'asset', fileName: moduleFileOf(script) });
      }
    });
  },
});

/** Scripts of the build that content scripts import as modules (unlisted scripts, built by WXT as usual). */
const IMPORTED_BY_CONTENT_SCRIPTS = ['card-ui.js'];

/** V8's explicit compile hint: compile every function of the script with the script (on the streaming thread). */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

interface ContentScriptEntry {
  js?: string[];
  run_at?: string;
  [key: string]: unknown;
}

/** The manifest keys that say which frames a content script runs in. */
const FRAME_KEYS = [
  'matches',
  'exclude_matches',
  'include_globs',
  'exclude_globs',
  'all_frames',
  'match_about_blank',
  'match_origin_as_fallback',
  'world',
];

/** Whether two content scripts run in the same frames. */
function sameFrames(a: ContentScriptEntry, b: ContentScriptEntry): boolean {
  return FRAME_KEYS.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

/** `content-scripts/content.js` → `content-scripts/content.module.js`. */
function moduleFileOf(script: string): string {
  return script.replace(/\.js$/, '.module.js');
}

/** The line that imports the module, in the importing script's isolated world (or as a classic script of its own). */
function loaderFor(moduleFile: string): string {
  return `import(chrome.runtime.getURL(${JSON.stringify(moduleFile)})).catch((error) => console.error('News Context could not start on this page:', error));\n`;
}
