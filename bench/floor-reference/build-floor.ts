/**
 * Builds the page benchmark's floor (`--floor`; content.js and background.js here, a reference for the bench
 * and no part of the product) into a temporary directory: the aliases the mark.js reference uses, gap aliases
 * (`…`) left out, longest first, as ONE RegExp alternation with Unicode letter/number boundaries, put into the
 * service worker at build time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { MatcherTables } from '../../src/core/matcher/compile-matcher.ts';
import { aliasPatterns } from '../markjs-reference/build-reference.ts';

/** The floor's RegExp source (`gu` flags): every alias but the gap ones, longest first, between boundaries. */
export function floorPattern(tables: MatcherTables): string {
  const aliases = tables.aliases.filter(([text]) => !text.includes('…'));
  return `(?<![\\p{L}\\p{N}])(?:${aliasPatterns({ ...tables, aliases }).join('|')})(?![\\p{L}\\p{N}])`;
}

/** The floor extension; returns its directory and its content script's path. */
export async function buildFloorReference(root: string, dir: string): Promise<{ dir: string; script: string }> {
  const tables = JSON.parse(
    readFileSync(join(root, 'src', 'data', 'compiled', 'matcher.json'), 'utf8'),
  ) as MatcherTables;
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    version: '1.0.0',
    name: 'Bench: floor reference',
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await build({
    entryPoints: ['content.js', 'background.js'].map((file) => join(import.meta.dirname, file)),
    bundle: false,
    minify: true,
    format: 'iife',
    target: 'chrome120',
    outdir: dir,
    define: { NC_FLOOR_PATTERN: JSON.stringify(floorPattern(tables)) },
    logLevel: 'warning',
  });
  return { dir, script: join(dir, 'content.js') };
}
