/**
 * Stacks packs into one dataset for the compiler: entities with the same id or a shared `sameAs` identifier
 * become one entity, every fact keeps the pack it came from, and the reader's own packs outrank the bundled
 * one where they disagree on name, role or summary.
 */
import {
  type Alias,
  aliasObject,
  type Citation,
  type Dataset,
  type Dispute,
  type Entity,
  type Fact,
  type Source,
} from '../dataset-schema.ts';
import { cachedAliasKey } from '../validate/cached-alias-key.ts';
import type { PackProblem } from './pack-file.ts';
import type { PackManifest } from './pack-manifest.ts';

/** One pack to merge. `imported`: the reader's own pack, which outranks the bundled one on role and summary. */
export interface PackLayer {
  manifest: PackManifest;
  dataset: Dataset;
  imported: boolean;
}

/** What the clash check reads of an entity: its id, kind and `sameAs` identifiers. */
export type ClashEntity = Pick<Entity, 'id' | 'kind' | 'sameAs'>;

/**
 * What the clash check reads of a pack: its id and its entities' ids, kinds and identifiers. A `PackLayer` is
 * one; so is the little an import keeps of a pack checked in a worker (`checkPack`).
 */
export interface ClashLayer {
  manifest: Pick<PackManifest, 'id'>;
  dataset: { entities: readonly ClashEntity[] };
}

/** The merged dataset, with the manifests of the packs in it (in layer order). */
export type MergedDataset = Dataset & { packs: PackManifest[] };

type Member = { layer: number; entity: Entity };

/**
 * Merges packs in the order given (the first layer's ids and alias flags win ties; put the bundled pack first).
 * Among entities that are one, the first member from an imported pack gives name, role and summary (else the
 * first member); aliases are merged by the matcher's alias key, facts and disputes kept with their pack,
 * id lists unioned. A source id used by two packs for different articles is renamed `<pack-id>:<source-id>`
 * in the later pack and its citations follow. An id claimed with two kinds cannot be one entity: the later
 * entity is left out here, and `findClashes` reports it so that an import refuses such a pack.
 */
export function mergePacks(layers: readonly PackLayer[]): MergedDataset {
  const { sources, texts, sourceIds } = mergeSources(layers);
  const { groups, entityIds } = groupEntities(layers);
  const entities = groups.map((members) => mergeGroup(members, layers, entityIds, sourceIds));
  entities.sort(byId);
  sources.sort(byId);
  return { entities, sources, texts, packs: layers.map((layer) => layer.manifest) };
}

/**
 * Problems that only show when packs are stacked: a `sameAs` identifier (or an id) that two packs give to
 * entities of different kinds. Each is reported at the later pack, `file` being that pack's id. Ids carry
 * their kind's prefix, so among validated packs only `sameAs` can clash; the id check guards other input.
 */
export function findClashes(layers: readonly ClashLayer[]): PackProblem[] {
  const problems: PackProblem[] = [];
  const kindOfId = new Map<string, { kind: string; pack: string }>();
  const kindOfSameAs = new Map<string, { kind: string; pack: string; id: string }>();
  for (const { manifest, dataset } of layers) {
    for (const entity of dataset.entities) {
      const known = kindOfId.get(entity.id);
      if (known && known.kind !== entity.kind) {
        problems.push({
          file: manifest.id,
          entity: entity.id,
          field: 'kind',
          message: `is "${entity.kind}", but pack "${known.pack}" has this id as "${known.kind}": the packs cannot both be used`,
        });
      } else if (!known) kindOfId.set(entity.id, { kind: entity.kind, pack: manifest.id });
      (entity.sameAs ?? []).forEach((identifier, i) => {
        const other = kindOfSameAs.get(identifier);
        if (other && other.kind !== entity.kind) {
          problems.push({
            file: manifest.id,
            entity: entity.id,
            field: `sameAs.${i}`,
            message: `"${identifier}" is also ${other.id} (a ${other.kind}) in pack "${other.pack}", but this is a ${entity.kind}`,
          });
        } else if (!other) kindOfSameAs.set(identifier, { kind: entity.kind, pack: manifest.id, id: entity.id });
      });
    }
  }
  return problems;
}

/** Every layer's sources, with ids made unique across packs; `sourceIds[layer]` maps old ids to new. */
function mergeSources(layers: readonly PackLayer[]) {
  const sources: Source[] = [];
  const texts: Record<string, string> = {};
  const taken = new Map<string, Source>();
  const sourceIds = layers.map(({ manifest, dataset }) => {
    const renamed = new Map<string, string>();
    for (const source of dataset.sources) {
      const text = dataset.texts[source.id] ?? '';
      const earlier = taken.get(source.id);
      // The same article under the same id in two packs is one source.
      if (earlier && texts[earlier.id] === text && sameJson(earlier, source)) continue;
      let id = source.id;
      for (let n = 2; taken.has(id); n++)
        id = n === 2 ? `${manifest.id}:${source.id}` : `${manifest.id}:${source.id}-${n}`;
      if (id !== source.id) renamed.set(source.id, id);
      const merged = { ...source, id };
      taken.set(id, merged);
      sources.push(merged);
      texts[id] = text;
    }
    return renamed;
  });
  return { sources, texts, sourceIds };
}

/**
 * Groups entities that are one: the same id (and kind) or a shared `sameAs` identifier (and kind).
 * `entityIds[layer]` maps each layer's ids to the merged entity's id (the first member's).
 */
function groupEntities(layers: readonly PackLayer[]) {
  const parent: number[] = [];
  const members: Member[] = [];
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) [i, parent[i]] = [parent[i] as number, root];
    return root;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    // The earlier member stays the root, so its id names the group.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byId = new Map<string, number>();
  const bySameAs = new Map<string, number>();
  layers.forEach(({ dataset }, layer) => {
    for (const entity of dataset.entities) {
      const index = members.length;
      const sameId = byId.get(entity.id);
      // A kind clash (reported by findClashes) cannot be merged: the later entity is left out.
      if (sameId !== undefined && members[sameId]?.entity.kind !== entity.kind) continue;
      members.push({ layer, entity });
      parent.push(index);
      if (sameId === undefined) byId.set(entity.id, index);
      else union(sameId, index);
      for (const identifier of entity.sameAs ?? []) {
        const other = bySameAs.get(identifier);
        if (other === undefined) bySameAs.set(identifier, index);
        else if (members[other]?.entity.kind === entity.kind) union(other, index);
      }
    }
  });
  const groupOf = new Map<number, Member[]>();
  members.forEach((member, i) => {
    const root = find(i);
    const list = groupOf.get(root) ?? [];
    list.push(member);
    groupOf.set(root, list);
  });
  const groups = [...groupOf.values()];
  const entityIds = layers.map(() => new Map<string, string>());
  for (const group of groups) {
    const id = (group[0] as Member).entity.id;
    for (const { layer, entity } of group) entityIds[layer]?.set(entity.id, id);
  }
  return { groups, entityIds };
}

/** One entity from its members, in layer order, with every id and source reference rewritten. */
function mergeGroup(
  members: readonly Member[],
  layers: readonly PackLayer[],
  entityIds: readonly Map<string, string>[],
  sourceIds: readonly Map<string, string>[],
): Entity {
  const first = members[0] as Member;
  const winner = members.find(({ layer }) => layers[layer]?.imported) ?? first;
  const id = first.entity.id;
  const entityRef = (layer: number) => (ref: string) => entityIds[layer]?.get(ref) ?? ref;
  const pick = <K extends 'familiar' | 'date' | 'place' | 'status'>(key: K): Entity[K] =>
    winner.entity[key] ?? members.find(({ entity }) => entity[key] !== undefined)?.entity[key];
  const idList = (key: 'related' | 'participants' | 'precededBy' | 'followedBy'): string[] | undefined => {
    if (!members.some(({ entity }) => entity[key])) return undefined;
    const ids = members.flatMap(({ layer, entity }) => (entity[key] ?? []).map(entityRef(layer)));
    return unique(ids.filter((ref) => ref !== id));
  };
  // A place id is rewritten in the pack of the member it came from.
  const placeFrom = winner.entity.place === undefined ? members.find(({ entity }) => entity.place) : winner;

  // Absent, not undefined: the compiled JSON and the pack file hold only the fields an entity has. Fields are
  // put in the order the files write them, once each (no object of every field to copy from).
  const merged: Record<string, unknown> = {};
  const put = (key: keyof Entity, value: unknown) => {
    if (value !== undefined) merged[key] = value;
  };
  put('id', id);
  put('kind', first.entity.kind);
  put('name', winner.entity.name);
  put('aliases', mergeAliases(members, entityRef));
  put('role', winner.entity.role);
  put('summary', winner.entity.summary);
  put(
    'facts',
    members.flatMap(({ layer, entity }) =>
      entity.facts.map((fact) => tagFact(fact, layers[layer] as PackLayer, sourceIds[layer] as Map<string, string>)),
    ),
  );
  if (members.some(({ entity }) => entity.disputes))
    put(
      'disputes',
      members.flatMap(({ layer, entity }) =>
        (entity.disputes ?? []).map(
          (dispute): Dispute => ({
            ...dispute,
            claims: dispute.claims.map((claim) =>
              tagFact(claim, layers[layer] as PackLayer, sourceIds[layer] as Map<string, string>),
            ),
          }),
        ),
      ),
    );
  put('related', idList('related'));
  if (members.some(({ entity }) => entity.sameAs))
    put('sameAs', unique(members.flatMap(({ entity }) => entity.sameAs ?? [])));
  put('packs', unique(members.map(({ layer }) => (layers[layer] as PackLayer).manifest.id)));
  put('familiar', pick('familiar'));
  put('date', pick('date'));
  if (placeFrom?.entity.place !== undefined) put('place', entityRef(placeFrom.layer)(placeFrom.entity.place));
  put('participants', idList('participants'));
  put('status', pick('status'));
  put('precededBy', idList('precededBy'));
  put('followedBy', idList('followedBy'));
  return merged as Entity;
}

/**
 * Aliases of all members, one per alias key (the first written wins, with its flags); context ids rewritten.
 * An entity on its own keeps its aliases as they are: a checked pack never lists one alias key twice in an
 * entity (`entityProblems`), so only entities of several members are keyed, and the background, which merges
 * cold, does not tokenise every alias here and again in the matcher's compiler.
 */
function mergeAliases(members: readonly Member[], entityRef: (layer: number) => (ref: string) => string): Alias[] {
  const seen = members.length > 1 ? new Set<string>() : undefined;
  const aliases: Alias[] = [];
  for (const { layer, entity } of members) {
    for (const alias of entity.aliases) {
      const object = aliasObject(alias);
      if (seen) {
        const key = cachedAliasKey(object.text);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      aliases.push(
        typeof alias === 'string' || !object.context
          ? alias
          : { ...object, context: { ...object.context, of: unique(object.context.of.map(entityRef(layer))) } },
      );
    }
  }
  return aliases;
}

/** The fact tagged with its pack; its citations are copied only when the pack has a renamed source. */
function tagFact(fact: Fact, layer: PackLayer, renamed: ReadonlyMap<string, string>): Fact {
  const citations =
    renamed.size === 0
      ? fact.citations
      : fact.citations.map(
          (citation): Citation =>
            renamed.has(citation.source) ? { ...citation, source: renamed.get(citation.source) as string } : citation,
        );
  return { ...fact, citations, pack: layer.manifest.id };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
