import type { EntityKind } from '../core/dataset-schema.ts';
import { useT } from './i18n.ts';

/** The kind of an entity as a small coloured badge ("Person", "Event"). */
export function KindBadge({ kind }: { kind: EntityKind }) {
  const t = useT();
  return <span class={`nc-badge nc-badge--${kind}`}>{t(`kind_${kind}`)}</span>;
}
