import { useT } from './i18n.ts';

/** Why the extension cannot run on a tab, as the popup explains it. */
export type RestrictedReason = 'browser-page' | 'store' | 'file' | 'unknown';

/** "Highlight on <site>" as a switch, or a plain sentence where extensions cannot run. */
export function SiteSwitch(
  props:
    | { kind: 'site'; site: string; enabled: boolean; onChange: (enabled: boolean) => void }
    | { kind: 'restricted'; reason: RestrictedReason }
    | { kind: 'loading' },
) {
  const t = useT();
  if (props.kind === 'loading') return <div class="nc-site nc-site--loading" aria-hidden="true" />;
  if (props.kind === 'restricted') {
    return (
      <p class="nc-site nc-site--restricted" role="status">
        {t(`restricted_${props.reason.replace('-', '_')}`)}
      </p>
    );
  }
  return (
    <label class="nc-site">
      <span class="nc-site__label">{t('highlightOn', props.site)}</span>
      <input
        type="checkbox"
        role="switch"
        class="nc-switch"
        checked={props.enabled}
        aria-checked={props.enabled}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
    </label>
  );
}
