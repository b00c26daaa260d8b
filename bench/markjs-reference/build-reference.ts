/**
 * Builds the two stand-in extensions of the page benchmark into temporary directories: the mark.js
 * reference (content.js bundled with esbuild, our aliases compiled into one RegExp alternation) and a bare
 * extension with nothing but an empty service worker, which stands for "no extension" (the one launch
 * helper, scripts/browsers.ts, loads an extension and waits for its service worker).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { MatcherTables } from '../../src/core/matcher/compile-matcher.ts';
import { CASE_MODE } from '../../src/core/matcher/compile-matcher.ts';

function escapeRegExp(text: string): string {
  // Only syntax characters: with the `u` flag, escaping anything else (`\-`) is an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One alias as a RegExp source: words joined by any white space, a gap (`…`) as up to `maxGap` words,
 * letter case as written unless the alias takes any case (then a `(?i:…)` group; Chromium 125+).
 */
export function aliasPattern([text, , flags, maxGap]: MatcherTables['aliases'][number]): string {
  const parts = text.split(/\s+/).map((word, i) => {
    if (word === '…') return `(?:\\s+[^\\s.!?]+){0,${maxGap}}`;
    return `${i === 0 ? '' : '\\s+'}${escapeRegExp(word)}`;
  });
  const source = parts.join('');
  return (flags & 3) === CASE_MODE.any ? `(?i:${source})` : source;
}

/** Every alias of the compiled matcher as a RegExp source, longest alias first. */
export function aliasPatterns(tables: MatcherTables): string[] {
  return [...tables.aliases].sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1)).map(aliasPattern);
}

const WORKER_ONLY = { background: { service_worker: 'background.js' } };

function writeExtension(dir: string, manifest: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, version: '1.0.0', ...manifest }));
  writeFileSync(join(dir, 'background.js'), '// Nothing: the extension only has to exist.\n');
}

/** The bare extension ("none"): a service worker and nothing else. */
export function buildBareExtension(dir: string): string {
  writeExtension(dir, { name: 'Bench: no extension', ...WORKER_ONLY });
  return dir;
}

/** The mark.js reference extension; returns its directory and its content script's path. */
export async function buildMarkjsReference(root: string, dir: string): Promise<{ dir: string; script: string }> {
  const tables = JSON.parse(
    readFileSync(join(root, 'src', 'data', 'compiled', 'matcher.json'), 'utf8'),
  ) as MatcherTables;
  writeExtension(dir, {
    name: 'Bench: mark.js reference',
    ...WORKER_ONLY,
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: 'document_idle' }],
  });
  const script = join(dir, 'content.js');
  await build({
    entryPoints: [join(import.meta.dirname, 'content.js')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'chrome120',
    outfile: script,
    define: { NC_ALIAS_PATTERNS: JSON.stringify(aliasPatterns(tables)) },
    logLevel: 'warning',
  });
  if (statSync(script).size === 0) throw new Error(`esbuild wrote an empty ${script}`);
  return { dir, script };
}
