import { useId } from 'preact/hooks';
import { useT } from './i18n.ts';

/**
 * A date we worked out rather than read: a quiet "≈" before it, and how it was worked out on hover or
 * focus (a tooltip the date describes itself by, so screen readers hear it too).
 */
export function InferredDate({ text, basis }: { text: string; basis?: string }) {
  const t = useT();
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: focus is how keyboard readers reach the explanation
    <span class="nc-date nc-date--inferred" tabIndex={0} aria-describedby={id}>
      <span class="nc-date__mark" aria-hidden="true">
        ≈{' '}
      </span>
      {text}
      <span role="tooltip" id={id} class="nc-tip">
        {basis ? t('dateWorkedOutFrom', basis) : t('dateWorkedOut')}
      </span>
    </span>
  );
}
