import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Makes the fake browser report `version` as the extension's version (the fake leaves `getManifest` out): the
 * pack store stamps its checks with it, and a new version stands for an update of the extension.
 */
export function runAsVersion(version: string): void {
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'News Context', version });
}
