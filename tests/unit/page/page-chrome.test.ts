// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { Match } from '../../../src/core/matcher/match.ts';
import { collectTextNodes, isInSkippedRegion, isPageChrome } from '../../../src/page/collect-text-nodes.ts';
import { MentionStore } from '../../../src/page/mention-store.ts';
import { reduceRecords } from '../../../src/page/mutation-watcher.ts';
import { PageScanner } from '../../../src/page/page-scanner.ts';

beforeEach(() => {
  document.body.innerHTML = '';
});

/** The text the walker collects, one string. */
const collected = () =>
  collectTextNodes(document.body)
    .map((n) => n.data)
    .join('|');

const byId = (id: string) => document.getElementById(id) as HTMLElement;

/** A news page's skeleton: masthead, navigation, article with its own header, footer and aside, sidebar, footer. */
const NEWS_PAGE = `
  <header role="banner" id="masthead">
    <a href="/">skip-logo The Daily Dispatch</a>
    <nav><a href="#">World</a> | <a href="#">skip-nav US</a> | <a href="#">Politics</a></nav>
    <div role="search"><label>skip-search Europe</label></div>
  </header>
  <main>
    <article>
      <header><h1>Keep-headline Witkoff returns from Moscow</h1></header>
      <div role="toolbar"><a href="#">skip-toolbar Share on X</a></div>
      <p>Keep-body envoy Witkoff met officials from the <b>US</b> and Europe.</p>
      <p>Keep-paragraph with a <button type="button">skip-inline-button Follow US</button> button in it.</p>
      <aside id="pull-quote"><p>Keep-pull-quote "Europe must be involved."</p></aside>
      <footer id="byline"><p>Keep-article-footer Reporting by the US desk</p></footer>
      <div class="share"><button>skip-share Follow US</button><span role="button">skip-role-button Subscribe</span></div>
    </article>
    <aside id="sidebar"><h2>skip-sidebar Most read</h2><article><h3>skip-teaser Europe braces</h3></article></aside>
    <footer id="main-footer"><p>Keep-main-footer Filed from the US</p></footer>
  </main>
  <aside role="complementary"><p>skip-complementary Europe edition</p></aside>
  <footer id="site-footer"><p>skip-footer About us · Europe edition</p><button>skip-footer-button Follow US</button></footer>
  <div role="contentinfo">skip-contentinfo Follow US</div>
  <ul role="menubar"><li role="menuitem">skip-menubar Europe</li></ul>
  <div role="navigation menu">skip-role-tokens Europe</div>
  <div role="Navigation">skip-role-case US</div>
  <menu><li>skip-menu US</li></menu>`;

describe('page chrome', () => {
  it('collects the article (headline, body, its own footer and aside), the main content and no site chrome', () => {
    document.body.innerHTML = NEWS_PAGE;
    const text = collected();
    for (const kept of [
      'Keep-headline',
      'Keep-body',
      'Keep-paragraph',
      'Keep-pull-quote',
      'Keep-article-footer',
      'Keep-main-footer',
    ])
      expect(text, kept).toContain(kept);
    expect(text).not.toMatch(/skip-/);
  });

  it('skips nav, footer, aside and buttons outside an article and any listed role, wherever they are', () => {
    document.body.innerHTML = `
      <nav><p>skip-nav</p></nav>
      <footer><p>skip-footer</p></footer>
      <aside><p>skip-aside</p></aside>
      <button>skip-button</button>
      <search><p>skip-search-element</p></search>
      ${['navigation', 'contentinfo', 'banner', 'search', 'menu', 'menubar', 'toolbar', 'complementary', 'tablist']
        .map((role) => `<div role="${role}"><p>skip-role-${role}</p></div>`)
        .join('')}
      <p>Kept</p>`;
    expect(collected()).toBe('Kept');
  });

  it('keeps a footer or banner inside main or an article, and an aside only inside an article', () => {
    document.body.innerHTML = `
      <main>
        <footer>Keep-main-footer</footer>
        <div role="banner">Keep-main-banner</div>
        <aside>skip-main-aside</aside>
        <div role="main"><div role="contentinfo">Keep-role-main-contentinfo</div></div>
      </main>
      <div role="article">
        <aside>Keep-role-article-aside</aside>
        <div role="complementary">Keep-role-article-complementary</div>
      </div>
      <article><section><footer>Keep-section-footer</footer><aside><p>Keep-nested-aside</p></aside></section></article>`;
    const text = collected();
    for (const kept of [
      'Keep-main-footer',
      'Keep-main-banner',
      'Keep-role-main-contentinfo',
      'Keep-role-article-aside',
      'Keep-role-article-complementary',
      'Keep-section-footer',
      'Keep-nested-aside',
    ])
      expect(text, kept).toContain(kept);
    expect(text).not.toMatch(/skip-/);
  });

  it('never keeps navigation inside an article, and keeps a button only inside a heading (an accordion)', () => {
    document.body.innerHTML = `
      <article>
        <nav aria-label="In this article"><a href="#a">skip-toc Europe</a></nav>
        <h2 id="a"><button aria-expanded="true">Keep-accordion What did Europe say?</button></h2>
        <div role="heading" aria-level="3"><button>Keep-role-heading US</button></div>
        <p>Keep-body <button>skip-button Follow US</button></p>
      </article>`;
    const text = collected();
    expect(text).toContain('Keep-accordion');
    expect(text).toContain('Keep-role-heading');
    expect(text).toContain('Keep-body');
    expect(text).not.toMatch(/skip-/);
  });

  it('lets a listed role decide before the tag, and falls back to the tag for other roles', () => {
    document.body.innerHTML = `
      <main>
        <footer role="navigation">skip-footer-as-navigation</footer>
        <aside role="note">skip-aside-as-note</aside>
      </main>
      <article><div role="complementary">Keep-complementary-in-article</div></article>`;
    expect(collected()).toBe('Keep-complementary-in-article');
  });

  it('looks past a shadow root to the article around its host', () => {
    document.body.innerHTML = '<article><byline-box id="host"></byline-box></article><div id="outside"></div>';
    byId('host').attachShadow({ mode: 'open' }).innerHTML = '<footer>Keep-shadow-byline</footer>';
    byId('outside').attachShadow({ mode: 'open' }).innerHTML = '<footer>skip-shadow-footer</footer>';
    const text = collected();
    expect(text).toContain('Keep-shadow-byline');
    expect(text).not.toMatch(/skip-/);
  });

  it('answers isPageChrome for the element itself and isInSkippedRegion for anything inside it', () => {
    document.body.innerHTML = NEWS_PAGE;
    expect(isPageChrome(byId('site-footer'))).toBe(true);
    expect(isPageChrome(byId('sidebar'))).toBe(true);
    expect(isPageChrome(byId('byline'))).toBe(false);
    expect(isPageChrome(byId('pull-quote'))).toBe(false);
    expect(isPageChrome(byId('main-footer'))).toBe(false);
    const navLink = document.querySelector('nav a')?.firstChild as Text;
    expect(isInSkippedRegion(navLink)).toBe(true);
    expect(isInSkippedRegion(byId('byline').querySelector('p')?.firstChild as Text)).toBe(false);
    expect(isInSkippedRegion(document.querySelector('article p')?.firstChild as Text)).toBe(false);
  });
});

describe('page chrome in rescans', () => {
  /** A stand-in matcher: every "US" and "Europe". */
  function match(text: string): Match[] {
    return [...text.matchAll(/\b(?:US|Europe)\b/g)].map(
      (m) => ({ id: m[0], start: m.index, end: m.index + m[0].length }) as Match,
    );
  }

  async function scan(root: Node, store = new MentionStore()) {
    const scanner = new PageScanner({
      find: async (texts) => texts.map(match),
      kindOf: () => 'place',
      store,
      signal: new AbortController().signal,
    });
    await scanner.scan(root);
    return store;
  }

  it('marks and counts only the names in article text', async () => {
    document.body.innerHTML = NEWS_PAGE;
    const store = await scan(document.body);
    const mentions = store.mentions();
    expect(mentions.every((m) => m.range.startContainer.parentElement?.closest('article, #main-footer'))).toBe(true);
    // The body's "US" and "Europe", the pull quote's "Europe", the article footer's and main footer's "US".
    expect(Object.fromEntries(store.entityCounts(() => true).map((c) => [c.id, c.count]))).toEqual({
      US: 3,
      Europe: 2,
    });
  });

  it('does not rescan text added to navigation or a site footer, and rescans text added to the article', () => {
    document.body.innerHTML = NEWS_PAGE;
    const add = (parent: Element) => {
      const p = document.createElement('p');
      p.textContent = 'Europe';
      parent.append(p);
      return { type: 'childList', target: parent, addedNodes: [p], removedNodes: [] } as unknown as MutationRecord;
    };
    const article = document.querySelector('article') as HTMLElement;
    const batch = reduceRecords(
      [
        add(document.querySelector('nav') as HTMLElement),
        add(byId('site-footer')),
        add(byId('sidebar')),
        add(article),
        add(byId('byline')),
      ],
      { isOurs: () => false, wasHidden: () => false },
    );
    expect(batch.changed).toEqual([article.lastElementChild, byId('byline').lastElementChild]);
  });
});
