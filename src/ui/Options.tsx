import { useState } from 'preact/hooks';
import { ENTITY_KINDS, type EntityKind } from '../core/dataset-schema.ts';
import { SETTINGS_LIMITS, type Settings, siteKey, withoutSite, withSite } from '../core/settings-schema.ts';
import { useT } from './i18n.ts';

export interface OptionsProps {
  settings: Settings;
  onChange: (settings: Settings) => void;
  onReset: () => void;
}

/** Steps of the hover-delay slider, in milliseconds. */
const HOVER_DELAY_STEP_MS = 50;

/** The options page: defaults, per-site settings, what and how to mark, with a live preview. */
export function Options({ settings, onChange, onReset }: OptionsProps) {
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
        <fieldset>
          <legend>{t('optionsMentions')}</legend>
          {(['all', 'first'] as const).map((value) => (
            <label key={value} class="nc-opt-row">
              <input
                type="radio"
                name="mentions"
                value={value}
                checked={settings.mentions === value}
                onChange={() => set({ mentions: value })}
              />
              <span>{t(`optionsMentions_${value}`)}</span>
            </label>
          ))}
        </fieldset>
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
        <Preview settings={settings} />
      </section>

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

const PREVIEW: readonly (string | [string, EntityKind])[] = [
  ['Steve Witkoff', 'person'],
  ' flew to ',
  ['Moscow', 'place'],
  ' before the ',
  ['Alaska summit', 'event'],
  ', where ',
  ['NATO', 'organization'],
  ' allies watched the talks on ',
  ['security guarantees', 'topic'],
  ' closely. Later, ',
  ['Witkoff', 'person'],
  ' briefed reporters.',
];

/** A sample paragraph marked the way pages will be, updated as the settings change. */
function Preview({ settings }: { settings: Settings }) {
  const t = useT();
  const seen = new Set<string>();
  return (
    <figure class="nc-preview">
      <figcaption>{t('optionsPreview')}</figcaption>
      <p data-style={settings.style}>
        {PREVIEW.map((part, index) => {
          if (typeof part === 'string') return part;
          const [text, kind] = part;
          const entity = `${kind}:${text.split(' ').pop()}`;
          const repeat = seen.has(entity);
          seen.add(entity);
          if (!settings.kinds[kind] || (repeat && settings.mentions === 'first')) return text;
          const colour = settings.colours[kind];
          const style =
            settings.style === 'underline'
              ? { textDecoration: `underline 2px ${colour}`, textUnderlineOffset: '3px' }
              : { backgroundColor: `${colour}33`, borderRadius: '2px' };
          return (
            <span key={index} class="nc-preview__mark" data-kind={kind} style={style}>
              {text}
            </span>
          );
        })}
      </p>
    </figure>
  );
}
