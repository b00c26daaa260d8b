import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineWxtModule } from 'wxt/modules';

/**
 * Chromium's builds load each content script as a module, through a loader of one line.
 *
 * A content script the manifest lists is a classic script that Chromium compiles on the page's main thread, each
 * function on its first call, and caches nowhere: on a short article that was 20 to 29 ms of every page's time
 * (README, "How the content script stays out of the way"). A module imported from the extension is streamed:
 * V8 compiles it on a background thread while it loads, and the compile hint at its top
 * (`allFunctionsCalledOnLoad`) makes that compile cover every function, so the page's main thread runs the
 * code without compiling it. The module is a web-accessible resource only through a URL drawn per browser
 * session (`use_dynamic_url`), so a page cannot fetch it by the extension's id to learn it is installed.
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
    wxt.hook('build:manifestGenerated', (_wxt, manifest) => {
      const scripts = contentScriptFiles(manifest);
      if (scripts.length === 0) return;
      manifest.web_accessible_resources = [
        ...((manifest.web_accessible_resources ?? []) as object[]),
        {
          resources: [...scripts.map(moduleFileOf), ...IMPORTED_BY_CONTENT_SCRIPTS],
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
      for (const script of contentScriptFiles(output.manifest)) {
        const path = join(wxt.config.outDir, script);
        const code = await readFile(path, 'utf8');
        await writeFile(join(wxt.config.outDir, moduleFileOf(script)), `${COMPILE_HINT}\n${code}`);
        await writeFile(path, loaderFor(moduleFileOf(script)));
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

/**
 * The scripts the manifest's content_scripts run, each once, but those run at `document_start`: they must run
 * before the page is parsed, and an imported module runs when it has loaded (on a 1 MB page, after the page).
 */
function contentScriptFiles(manifest: { content_scripts?: { js?: string[]; run_at?: string }[] }): string[] {
  const entries = (manifest.content_scripts ?? []).filter((entry) => entry.run_at !== 'document_start');
  return [...new Set(entries.flatMap((entry) => entry.js ?? []))];
}

/** `content-scripts/content.js` → `content-scripts/content.module.js`. */
function moduleFileOf(script: string): string {
  return script.replace(/\.js$/, '.module.js');
}

/** The classic script left in the manifest's place: it imports the module, in the same isolated world. */
function loaderFor(moduleFile: string): string {
  return `import(chrome.runtime.getURL(${JSON.stringify(moduleFile)})).catch((error) => console.error('News Context could not start on this page:', error));\n`;
}
