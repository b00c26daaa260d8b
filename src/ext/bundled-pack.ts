import type { PackManifest } from '../core/packs/pack-manifest.ts';
// The bundled dataset as a pack file, as `npm run compile` writes it: exported as is, merged with imported packs.
import bundledPackText from '../data/compiled/pack.newscontext.json?raw';
import bundledManifest from '../data/pack.json';
import type { BundledPack } from './pack-store.ts';

let entityCount: number | undefined;

/**
 * The pack that comes with the extension, for the pack store (options page and background only: the content
 * script never carries the pack file).
 */
export const bundledPack: BundledPack = {
  manifest: bundledManifest as PackManifest,
  bytes: new TextEncoder().encode(bundledPackText).length,
  // Counted on first use: parsing the file is not free, and only the options page lists the count.
  get entities() {
    entityCount ??= (JSON.parse(bundledPackText) as { entities: unknown[] }).entities.length;
    return entityCount;
  },
  text: () => bundledPackText,
};
