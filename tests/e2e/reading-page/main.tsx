/**
 * A plain test page that renders the extension's own Preact views with the bundled data and messages, so
 * the end-to-end tests read them in any browser (Firefox's WebDriver BiDi cannot open moz-extension:// pages).
 * `?view=card|entry|timeline|options&id=<entity>&theme=light|dark`.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import messages from '../../../public/_locales/en/messages.json';
import type { Entity, Source } from '../../../src/core/dataset-schema.ts';
import { markRules } from '../../../src/core/mark-style.ts';
import type { MatcherTables } from '../../../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../src/core/matcher/load-matcher.ts';
import { drawnMentions, loadMarking, type MarkingPolicy, sectionsOf } from '../../../src/core/mention-policy.ts';
import { buildDatasetView } from '../../../src/core/search/dataset-view.ts';
import { type CompiledSearch, loadSearch } from '../../../src/core/search/search-entities.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings-schema.ts';
import type { Translate } from '../../../src/core/translate.ts';
import compiledEntities from '../../../src/data/compiled/entities.json';
import compiledMarking from '../../../src/data/compiled/marking.json';
import compiledMatcher from '../../../src/data/compiled/matcher.json';
import compiledSearch from '../../../src/data/compiled/search.json';
import cardCss from '../../../src/ui/card.css?inline';
import { EntityCard } from '../../../src/ui/EntityCard.tsx';
import { I18nContext } from '../../../src/ui/i18n.ts';
import { Options } from '../../../src/ui/Options.tsx';
import optionsCss from '../../../src/ui/options.css?inline';
import { Popup } from '../../../src/ui/Popup.tsx';
import popupCss from '../../../src/ui/popup.css?inline';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** The browser's `i18n.getMessage` rules for named placeholders ($NAME$ -> $1 -> the substitution). */
const translate: Translate = (key, substitutions) => {
  const entry = (messages as Record<string, Message>)[key];
  if (!entry) return key;
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');
  });
};

const data = compiledEntities as unknown as { entities: Entity[]; sources: Source[] };
const view = buildDatasetView(data.entities, data.sources);
const fuse = loadSearch(compiledSearch as unknown as CompiledSearch);
const params = new URLSearchParams(location.search);
const dark = params.get('theme') === 'dark';
const id = params.get('id') ?? 'person/steve-witkoff';
const app = document.getElementById('app') as HTMLElement;

function addStyle(css: string, root: Document | ShadowRoot = document) {
  const style = document.createElement('style');
  style.textContent = css;
  (root instanceof Document ? root.head : root).append(style);
}

function OptionsPage() {
  const [settings, setSettings] = useState<Settings>(structuredClone(DEFAULT_SETTINGS as Settings));
  return (
    <Options
      settings={settings}
      onChange={setSettings}
      onReset={() => setSettings(structuredClone(DEFAULT_SETTINGS as Settings))}
    />
  );
}

/**
 * An article as a news page sets it, marked under a policy with the page's own style rules: the matcher,
 * `drawnMentions` and `markRules` (screens from the layout, sections from headings).
 */
function showArticle(name: string, policy: MarkingPolicy) {
  const text = (window as unknown as { ncArticles: Record<string, string> }).ncArticles[name] ?? '';
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  document.body.style.cssText = `margin:0;background:${dark ? '#16181d' : '#fff'};color:${dark ? '#e6e6e6' : '#1a1a1a'}`;
  const article = document.createElement('article');
  article.style.cssText = 'max-width:640px;margin:0 auto;padding:24px;font:18px/1.6 Georgia,serif';
  lines.forEach((line, i) => {
    const block = document.createElement(i === 0 ? 'h1' : 'p');
    block.textContent = line;
    if (i === 0) block.style.cssText = 'font:700 28px/1.25 system-ui,sans-serif';
    article.append(block);
  });
  app.append(article);
  const index = loadMatcher(compiledMatcher as unknown as MatcherTables);
  const kinds = new Map(data.entities.map((e) => [e.id, e.kind]));
  const found: { id: string; kind: Entity['kind']; section: number; screen: number; range: Range }[] = [];
  const blocks = [...article.children] as HTMLElement[];
  const sections = sectionsOf(blocks.map((block) => /^H\d$/.test(block.nodeName)));
  blocks.forEach((block, b) => {
    const section = sections[b] ?? 0;
    const node = block.firstChild as Text;
    const screen = Math.floor(block.offsetTop / innerHeight);
    for (const match of findMatches(node.data, index)) {
      const range = new Range();
      range.setStart(node, match.start);
      range.setEnd(node, match.end);
      found.push({ id: match.id, kind: kinds.get(match.id) ?? 'topic', section, screen, range });
    }
  });
  const drawn = drawnMentions(found, policy, loadMarking(compiledMarking));
  const highlights = new Map<string, Highlight>();
  found.forEach((mention, i) => {
    if (!drawn[i]) return;
    const name = `news-context-${mention.kind}`;
    if (!highlights.has(name)) highlights.set(name, new Highlight());
    highlights.get(name)?.add(mention.range);
  });
  for (const [name, highlight] of highlights) CSS.highlights.set(name, highlight);
  addStyle(markRules({ ...DEFAULT_SETTINGS, dark }, (kind) => `::highlight(news-context-${kind})`));
  const words = text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
  document.body.dataset.marks = String(drawn.filter(Boolean).length);
  document.body.dataset.words = String(words);
}

document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
switch (params.get('view')) {
  case 'article':
    showArticle(params.get('name') ?? '', (params.get('policy') ?? 'every') as MarkingPolicy);
    break;
  case 'card': {
    // As the content script shows it: in a shadow root of its own, over a page.
    document.body.style.cssText = `margin:0;padding:24px;background:${dark ? '#111318' : '#f7f7f5'}`;
    const root = app.attachShadow({ mode: 'open' });
    addStyle(cardCss, root);
    const box = document.createElement('div');
    box.className = `nc-popover${dark ? ' nc-theme-dark' : ''}`;
    box.style.cssText = 'position:static';
    root.append(box);
    const entity = view.entities.get(id) as Entity;
    render(
      <I18nContext.Provider value={translate}>
        <EntityCard
          entity={entity}
          sources={view.sources}
          names={view.names}
          detail="hover"
          onNavigate={() => {}}
          onClose={() => {}}
          onOpenFull={() => {}}
        />
      </I18nContext.Provider>,
      box,
    );
    break;
  }
  case 'options':
    addStyle(popupCss);
    addStyle(optionsCss);
    render(
      <I18nContext.Provider value={translate}>
        <OptionsPage />
      </I18nContext.Provider>,
      app,
    );
    break;
  default:
    addStyle(cardCss);
    addStyle(popupCss);
    render(
      <I18nContext.Provider value={translate}>
        <Popup
          fuse={fuse}
          view={view}
          page={{ kind: 'site', site: 'news.example', enabled: true, entities: [] }}
          initialEntity={params.get('view') === 'entry' ? id : undefined}
          onToggleSite={() => {}}
          onReveal={() => {}}
          onClose={() => {}}
          onOpenOptions={() => {}}
        />
      </I18nContext.Provider>,
      app,
    );
}
