// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { CardHost } from '../../../src/page/card-host.ts';
import { PAGE_DEFAULTS } from '../../../src/page/page-defaults.ts';
import { createPageNames } from '../../../src/page/page-names.ts';

describe('CardHost', () => {
  beforeEach(() => {
    document.body.innerHTML = '<p>Article</p>';
    for (const element of [...document.documentElement.children])
      if (element !== document.head && element !== document.body) element.remove();
  });

  it('creates its host on first use, outside <body>, with the CSS and a container in an open shadow root', () => {
    const names = createPageNames();
    const host = new CardHost(document, { tag: names.hostTag, css: '.nc-card { color: red }' });
    expect(host.element).toBeUndefined();
    const container = host.container() as HTMLElement;
    const element = host.element as HTMLElement;
    expect(element.parentNode).toBe(document.documentElement);
    expect(names.isOurs(element)).toBe(true);
    expect(element.shadowRoot?.querySelector('style')?.textContent).toBe('.nc-card { color: red }');
    expect(container.getRootNode()).toBe(element.shadowRoot);
    expect(host.contains(container)).toBe(true);
    expect(host.contains(document.body)).toBe(false);
    expect(host.container()).toBe(container);
  });

  it('puts its host back when the page removed it, a bounded number of times', () => {
    const host = new CardHost(document, { tag: 'ab-cd', css: '' });
    const container = host.container();
    for (let i = 0; i < PAGE_DEFAULTS.maxHostReinserts; i++) {
      host.element?.remove();
      expect(host.container()).toBe(container);
      expect(host.element?.isConnected).toBe(true);
    }
    host.element?.remove();
    expect(host.container()).toBeUndefined();
    expect(host.element?.isConnected).toBe(false);
  });
});

describe('createPageNames', () => {
  it('gives highlight names and a host tag that name nothing, fresh each time', () => {
    const a = createPageNames();
    const b = createPageNames();
    expect(a.highlight('person')).toMatch(/^[a-z][a-z0-9]{5}-person$/);
    expect(a.highlight('flash')).toMatch(/^[a-z][a-z0-9]{5}-flash$/);
    // A dark page's marks have names of their own (the sheet gives them lighter colours); the flash has one.
    expect(a.highlight('person', true)).toBe(`${a.highlight('person')}-dark`);
    expect(a.highlight('flash', true)).toBe(a.highlight('flash'));
    expect(a.hostTag).toMatch(/^[a-z][a-z0-9]{4}-[a-z][a-z0-9]{4}$/);
    expect(a.highlight('person')).not.toBe(b.highlight('person'));
    expect(a.hostTag).not.toBe(b.hostTag);
  });

  it('tells its own host element from any other', () => {
    const names = createPageNames(() => 0.5);
    expect(names.isOurs(document.createElement(names.hostTag))).toBe(true);
    expect(names.isOurs(document.createElement('news-context-card'))).toBe(false);
    expect(names.isOurs(document.body)).toBe(false);
  });
});
