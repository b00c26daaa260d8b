import { aliasObject, type Entity } from '../dataset-schema.ts';

/** The JSON-serialisable tables the matcher runs on, compiled from the dataset at build time. */
export interface MatcherTables {
  version: 1;
  aliases: { text: string; id: string }[];
}

/** Compiles the dataset's aliases into the matcher's tables. */
export function compileMatcher(entities: readonly Entity[]): MatcherTables {
  const aliases = entities.flatMap((entity) =>
    entity.aliases.map((alias) => ({ text: aliasObject(alias).text, id: entity.id })),
  );
  return { version: 1, aliases };
}
