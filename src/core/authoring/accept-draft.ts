import type { Entity } from '../dataset-schema.ts';
import { PLACEHOLDER } from './authoring-defaults.ts';
import type { DraftContent } from './build-drafts.ts';

/** Why a draft file cannot be read as one. */
export class DraftUnreadable extends Error {}

/** Reads a draft file's JSON, checking only its envelope: the entity itself is the validator's job. */
export function parseDraft(text: string): DraftContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DraftUnreadable(`is not valid JSON: ${(error as Error).message}`);
  }
  const draft = (json as { draft?: { action?: unknown; source?: unknown } } | null)?.draft;
  if (!draft || typeof draft.source !== 'string') throw new DraftUnreadable('has no "draft" with a "source"');
  if (draft.action === 'new') {
    const entity = (json as { entity?: unknown }).entity;
    if (typeof entity !== 'object' || entity === null || typeof (entity as { id?: unknown }).id !== 'string') {
      throw new DraftUnreadable('entity: must be an entity with an "id"');
    }
  } else if (draft.action === 'add-facts') {
    const { target, facts } = json as { target?: unknown; facts?: unknown };
    if (typeof target !== 'string') throw new DraftUnreadable('target: must be the id of an entity in the pack');
    if (!Array.isArray(facts)) throw new DraftUnreadable('facts: must be a list of facts');
  } else {
    throw new DraftUnreadable('draft.action: must be "new" or "add-facts"');
  }
  return json as DraftContent;
}

/** The fields of a draft that still hold a placeholder, as dotted paths ("entity.role", "facts.2.text"). */
export function placeholdersIn(content: DraftContent): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (value.trimStart().startsWith(PLACEHOLDER)) found.push(path);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}.${i}`);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key);
    }
  };
  const { draft: _envelope, ...rest } = content;
  walk(rest, '');
  return found;
}

/**
 * The entity an accepted draft writes: the draft's entity, or, for candidate facts, the target entity with
 * the facts appended (its other fields untouched). `target` is the entity as it is in the pack.
 */
export function acceptedEntity(content: DraftContent, target?: unknown): { id: string; entity: Entity } {
  if (content.draft.action === 'new') {
    const { entity } = content as Extract<DraftContent, { entity: Entity }>;
    return { id: entity.id, entity };
  }
  const { target: id, facts } = content as Extract<DraftContent, { target: string }>;
  if (typeof target !== 'object' || target === null) throw new DraftUnreadable(`target: "${id}" is not in the pack`);
  const current = target as Entity;
  return { id, entity: { ...current, facts: [...(current.facts ?? []), ...facts] } };
}
