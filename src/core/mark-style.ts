/**
 * How a mark looks: the one style function behind the page's `::highlight()` rules and the options page's
 * preview, so the preview shows exactly what pages draw. Pure: settings and a dark flag in, CSS text out.
 */
import { ENTITY_KINDS, type EntityKind } from './entity-kinds.ts';

export interface MarkLook {
  style: 'underline' | 'tint';
  /** `#rrggbb` per kind (the settings schema guarantees the form). */
  colours: Readonly<Record<EntityKind, string>>;
  /** On a dark page: colours are lightened so the marks keep their contrast. */
  dark: boolean;
}

/**
 * The look a reader has until they change it (the settings' defaults take theirs from here): the look pages
 * are given before the reader's own is known (src/page/highlight-styles.ts, `HighlightSheet.adoptProvisional`).
 */
// Marked pure, so a script that does not use it (the highlighting module) does not carry it.
export const DEFAULT_MARK_LOOK: Readonly<Omit<MarkLook, 'dark'>> = /* @__PURE__ */ Object.freeze({
  style: 'underline',
  colours: /* @__PURE__ */ Object.freeze({
    person: '#2563eb',
    organization: '#7c3aed',
    place: '#059669',
    event: '#d97706',
    topic: '#db2777',
  }),
});

/** The look's numbers, in one place. */
export const MARK_STYLE = Object.freeze({
  /** How much white a colour is mixed with on a dark page. */
  darkLighten: 45,
  /** The tint's share of the colour over the text's background, light and dark. */
  tintLight: 18,
  tintDark: 30,
  underlineThicknessPx: 2,
  underlineOffsetPx: 3,
});

/** The CSS declarations of one kind's mark; only properties `::highlight()` supports, so spans match it. */
export function markDeclarations(kind: EntityKind, { style, colours, dark }: MarkLook): string {
  const base = colours[kind];
  const colour = dark ? `color-mix(in srgb, ${base} ${100 - MARK_STYLE.darkLighten}%, white)` : base;
  if (style === 'tint') {
    const share = dark ? MARK_STYLE.tintDark : MARK_STYLE.tintLight;
    return `background-color: color-mix(in srgb, ${colour} ${share}%, transparent);`;
  }
  return (
    `text-decoration: underline dotted ${MARK_STYLE.underlineThicknessPx}px ${colour}; ` +
    `text-underline-offset: ${MARK_STYLE.underlineOffsetPx}px;`
  );
}

/**
 * A rule per entity kind: `selectorOf(kind)` chooses what it styles (`::highlight(news-context-person)` on
 * pages, the preview's spans on the options page).
 */
export function markRules(look: MarkLook, selectorOf: (kind: EntityKind) => string): string {
  return ENTITY_KINDS.map((kind) => `${selectorOf(kind)} { ${markDeclarations(kind, look)} }`).join('\n');
}
