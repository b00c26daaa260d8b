import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/auto-icons'],
  autoIcons: {
    baseIconPath: 'assets/icon.svg',
    developmentIndicator: false,
  },
  hooks: {
    // The content script runs on every page, so what it carries is paid on every page: it reads only
    // `browser.runtime.id` (WXT's context; its messages go through @webext-core/messaging, which calls the
    // browser's API itself), so it gets the browser's own namespace, not webextension-polyfill (about a fifth
    // of its size and of its start-up). Every other script keeps the polyfill's `browser`.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) {
        const alias = config.resolve?.alias ?? [];
        const existing = Array.isArray(alias)
          ? alias
          : Object.entries(alias).map(([find, replacement]) => ({ find, replacement }));
        config.resolve = {
          ...config.resolve,
          alias: [{ find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' }, ...existing],
        };
      }
    },
  },
  zip: {
    // Test screenshots and benchmark output are not sources.
    excludeSources: ['artifacts/**'],
  },
  vite: () => ({
    plugins: [preact()],
    build: {
      // The bundled dataset is inlined into the scripts; no chunk is fetched at run time.
      chunkSizeWarningLimit: 1500,
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // unlimitedStorage: imported packs and their compiled tables can pass storage.local's 10 MB quota (README, Packs).
    // scripting: Firefox's background runs the card's UI script in a page's frame when a card is first wanted there
    // (src/page/lazy-card.ts); Chromium's content script imports it itself (modules/content-script-as-module.ts).
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'contextMenus',
      ...(browser === 'firefox' ? ['scripting'] : []),
    ],
    // The sites the content script runs on (the same install warning): in Firefox the background runs the card's
    // UI script in a page's frame when a card is first wanted there (src/page/lazy-card.ts).
    host_permissions: ['http://*/*', 'https://*/*'],
    action: {
      default_title: '__MSG_actionTitle__',
    },
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandToggleSite__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'news-context@news-context.org',
              // The CSS Custom Highlight API shipped in Firefox 140.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Android's Firefox reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // The CSS Custom Highlight API shipped in Chrome 105.
          minimum_chrome_version: '105',
          // Messages cross as structured clones (Chrome 148 on; earlier versions ignore the key and keep JSON,
          // which every message also survives): a page's text reaches the background without being written out
          // as JSON and read back. On the bench's 1 MB live blog the main-thread time our scan added fell by a
          // fifth (README, How the content script stays out of the way). Firefox always clones.
          message_serialization: 'structured_clone',
        }),
  }),
});
