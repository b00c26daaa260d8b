import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ENTITY_KINDS, type EntityKind } from '../core/dataset-schema.ts';
import { markRules } from '../core/mark-style.ts';
import { drawnMentions, MARKING_POLICIES, type PolicyMention, sectionsOf } from '../core/mention-policy.ts';
import { SETTINGS_LIMITS, type Settings, siteKey, withoutSite, withSite } from '../core/settings-schema.ts';
import { useT } from './i18n.ts';

export interface OptionsProps {
  settings: Settings;
  onChange: (settings: Settings) => void;
  onReset: () => void;
  /** The "Datasets" section (src/ui/DatasetList.tsx), wired to the installed packs by the entrypoint. */
  datasets?: ComponentChildren;
}

/** Message names allow only letters, digits and underscores: "first-per-screen" -> "first_per_screen". */
const messageKey = (value: string) => value.replaceAll('-', '_');

/** Steps of the hover-delay slider, in milliseconds. */
const HOVER_DELAY_STEP_MS = 50;

/** The options page: defaults, per-site settings, what and how to mark, with a live preview. */
export function Options({ settings, onChange, onReset, datasets }: OptionsProps) {
  const t = useT();
  const set = (patch: Partial<Settings>) => onChange({ ...settings, ...patch });
  return (
    <main class="nc-options">
      <h1>{t('optionsTitle')}</h1>

      <section aria-labelledby="nc-opt-sites">
        <h2 id="nc-opt-sites">{t('optionsSites')}</h2>
        <label class="nc-opt-row">
          <input
            type="checkbox"
            role="switch"
            class="nc-switch"
            name="enabledByDefault"
            checked={settings.enabledByDefault}
            aria-checked={settings.enabledByDefault}
            onChange={(event) => set({ enabledByDefault: event.currentTarget.checked })}
          />
          <span>{t('optionsEnabledByDefault')}</span>
        </label>
        <SiteList settings={settings} onChange={onChange} />
      </section>

      <section aria-labelledby="nc-opt-what">
        <h2 id="nc-opt-what">{t('optionsWhat')}</h2>
        <fieldset>
          <legend>{t('optionsKinds')}</legend>
          {ENTITY_KINDS.map((kind) => (
            <label key={kind} class="nc-opt-row">
              <input
                type="checkbox"
                name={`kind-${kind}`}
                checked={settings.kinds[kind]}
                onChange={(event) => set({ kinds: { ...settings.kinds, [kind]: event.currentTarget.checked } })}
              />
              <span>{t(`kindPlural_${kind}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset class="nc-policies">
          <legend>{t('optionsMarking')}</legend>
          {MARKING_POLICIES.map((value) => (
            <label key={value} class="nc-opt-row nc-policy">
              <input
                type="radio"
                name="marking"
                value={value}
                checked={settings.marking === value}
                onChange={() => onChange({ ...settings, marking: value })}
              />
              <span>
                {t(`optionsMarking_${messageKey(value)}`)}
                <span class="nc-policy__hint">{t(`optionsMarkingHint_${messageKey(value)}`)}</span>
              </span>
            </label>
          ))}
          <p class="nc-opt-note">{t('optionsMarkingNote')}</p>
        </fieldset>
        <Preview settings={settings} />
        <label class="nc-opt-row nc-opt-delay">
          <span>{t('optionsHoverDelay')}</span>
          <input
            type="range"
            name="hoverDelayMs"
            min={SETTINGS_LIMITS.hoverDelayMinMs}
            max={SETTINGS_LIMITS.hoverDelayMaxMs}
            step={HOVER_DELAY_STEP_MS}
            value={settings.hoverDelayMs}
            onInput={(event) => set({ hoverDelayMs: Number(event.currentTarget.value) })}
          />
          <output>{t('milliseconds', String(settings.hoverDelayMs))}</output>
        </label>
      </section>

      <section aria-labelledby="nc-opt-look">
        <h2 id="nc-opt-look">{t('optionsLook')}</h2>
        <fieldset>
          <legend>{t('optionsStyle')}</legend>
          {(['underline', 'tint'] as const).map((value) => (
            <label key={value} class="nc-opt-row">
              <input
                type="radio"
                name="style"
                value={value}
                checked={settings.style === value}
                onChange={() => set({ style: value })}
              />
              <span>{t(`optionsStyle_${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset class="nc-colours">
          <legend>{t('optionsColours')}</legend>
          {ENTITY_KINDS.map((kind) => (
            <label key={kind} class="nc-opt-row">
              <input
                type="color"
                name={`colour-${kind}`}
                value={settings.colours[kind]}
                onInput={(event) => set({ colours: { ...settings.colours, [kind]: event.currentTarget.value } })}
              />
              <span>{t(`kindPlural_${kind}`)}</span>
            </label>
          ))}
        </fieldset>
      </section>

      {datasets}

      <footer class="nc-options__footer">
        <button type="button" class="nc-button" onClick={onReset}>
          {t('optionsReset')}
        </button>
      </footer>
    </main>
  );
}

function SiteList({ settings, onChange }: { settings: Settings; onChange: (settings: Settings) => void }) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const sites = Object.keys(settings.sites).sort();
  const add = (event: Event) => {
    event.preventDefault();
    const host = hostFromInput(draft);
    if (!host) return;
    onChange(withSite(settings, host, !settings.enabledByDefault));
    setDraft('');
  };
  return (
    <div class="nc-sitelist">
      <h3>{t('optionsSiteList')}</h3>
      {sites.length === 0 ? (
        <p class="nc-empty">{t('optionsNoSites')}</p>
      ) : (
        <ul>
          {sites.map((site) => (
            <li key={site} class="nc-opt-row" data-site={site}>
              <label class="nc-sitelist__site">
                <input
                  type="checkbox"
                  role="switch"
                  class="nc-switch"
                  checked={settings.sites[site]}
                  aria-checked={settings.sites[site]}
                  onChange={(event) => onChange(withSite(settings, site, event.currentTarget.checked))}
                />
                <span>{site}</span>
              </label>
              <button
                type="button"
                class="nc-button"
                aria-label={t('optionsRemoveSite', site)}
                onClick={() => onChange(withoutSite(settings, site))}
              >
                {t('optionsRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="nc-sitelist__add" onSubmit={add}>
        <input
          type="text"
          name="site"
          value={draft}
          placeholder="example.com"
          aria-label={t('optionsAddSiteLabel')}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" class="nc-button">
          {t(settings.enabledByDefault ? 'optionsAddOff' : 'optionsAddOn')}
        </button>
      </form>
    </div>
  );
}

/** A hostname from what a reader types: "https://www.bbc.co.uk/news" or "bbc.co.uk". */
export function hostFromInput(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  try {
    const host = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname;
    return host.includes('.') || host === 'localhost' ? siteKey(host) : undefined;
  } catch {
    return undefined;
  }
}

/** A sample part: plain text, or a mention of a sample entity (`familiar` as the dataset flags places). */
type PreviewPart = string | { text: string; kind: EntityKind; id: string; familiar?: boolean };

/** A headline, and two paragraphs under a subheading, with the repeats a real story has. */
const PREVIEW: readonly (readonly PreviewPart[])[] = [
  [
    { text: 'Witkoff', kind: 'person', id: 'witkoff' },
    ' meets ',
    { text: 'Putin', kind: 'person', id: 'putin' },
    ' in ',
    { text: 'Moscow', kind: 'place', id: 'moscow', familiar: true },
  ],
  [
    { text: 'Steve Witkoff', kind: 'person', id: 'witkoff' },
    ' flew to ',
    { text: 'Moscow', kind: 'place', id: 'moscow', familiar: true },
    ' before the ',
    { text: 'Alaska summit', kind: 'event', id: 'alaska-summit' },
    ', where ',
    { text: 'NATO', kind: 'organization', id: 'nato' },
    ' allies watched the talks on ',
    { text: 'security guarantees', kind: 'topic', id: 'guarantees' },
    ' closely. ',
    { text: 'Putin', kind: 'person', id: 'putin' },
    ' told ',
    { text: 'Witkoff', kind: 'person', id: 'witkoff' },
    ' that ',
    { text: 'Russia', kind: 'place', id: 'russia', familiar: true },
    ' wanted more, and ',
    { text: 'Witkoff', kind: 'person', id: 'witkoff' },
    ' carried the offer back from ',
    { text: 'Moscow', kind: 'place', id: 'moscow', familiar: true },
    '.',
  ],
  ['What comes next'],
  [
    'Back in ',
    { text: 'Washington', kind: 'place', id: 'washington', familiar: true },
    ', ',
    { text: 'Witkoff', kind: 'person', id: 'witkoff' },
    ' briefed reporters on ',
    { text: 'Russia', kind: 'place', id: 'russia', familiar: true },
    '’s terms.',
  ],
];

/** Which blocks of the sample are headings (each a section of its own, as on pages). */
const PREVIEW_HEADINGS = new Set([0, 2]);

const previewSelector = (kind: EntityKind) => `.nc-preview__mark[data-kind="${kind}"]`;

/**
 * A sample story marked the way pages will be, updated as the settings change: the same policy function
 * picks the marks and the same style function draws them, light and dark. It sits under the marking
 * choices, with the style and colours just below it.
 */
function Preview({ settings }: { settings: Settings }) {
  const t = useT();
  const mentions: (PolicyMention & { familiar?: boolean })[] = [];
  const sections = sectionsOf(PREVIEW.map((_, index) => PREVIEW_HEADINGS.has(index)));
  PREVIEW.forEach((block, index) => {
    for (const part of block) {
      if (typeof part !== 'string') {
        mentions.push({ id: part.id, kind: part.kind, section: sections[index] ?? 0, familiar: part.familiar });
      }
    }
  });
  const familiar = new Set(mentions.filter((m) => m.familiar).map((m) => m.id));
  const drawn = drawnMentions(mentions, settings.marking, { familiar });
  const look = { style: settings.style, colours: settings.colours };
  const css = `${markRules({ ...look, dark: false }, previewSelector)}
@media (prefers-color-scheme: dark) {
${markRules({ ...look, dark: true }, previewSelector)}
}`;
  let next = 0;
  return (
    <figure class="nc-preview" aria-labelledby="nc-opt-preview">
      <figcaption id="nc-opt-preview">{t('optionsPreview')}</figcaption>
      <style>{css}</style>
      <div class="nc-preview__page" data-style={settings.style} data-marking={settings.marking}>
        {PREVIEW.map((block, index) => {
          const Tag = PREVIEW_HEADINGS.has(index) ? (index === 0 ? 'h3' : 'h4') : 'p';
          return (
            <Tag key={index}>
              {block.map((part, at) => {
                if (typeof part === 'string') return part;
                const shown = drawn[next++] && settings.kinds[part.kind];
                return (
                  <span
                    key={at}
                    class={shown ? 'nc-preview__mark' : undefined}
                    data-kind={part.kind}
                    data-entity={part.id}
                  >
                    {part.text}
                  </span>
                );
              })}
            </Tag>
          );
        })}
      </div>
    </figure>
  );
}
