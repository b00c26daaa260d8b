import { contentToBackground } from '../src/ext/messages/content-to-background.ts';

export default defineBackground(() => {
  contentToBackground.onMessage('pageEntityCount', ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    void browser.action.setBadgeText({ tabId, text: data.count > 0 ? String(data.count) : '' });
  });
});
