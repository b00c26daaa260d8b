import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, readDatasetFiles } from '../../../src/cli/read-dataset.ts';
import {
  type DatasetFile,
  type DatasetIssue,
  formatIssue,
  validateDataset,
} from '../../../src/core/validate-dataset.ts';

const DIR = 'tests/fixtures/datasets/valid';
const FIXTURE = readDatasetFiles(join(PROJECT_ROOT, DIR));
const ADA = `${DIR}/entities/person/ada-lovett.json`;
const NORTHPORT = `${DIR}/entities/place/northport.json`;
const SUMMIT = `${DIR}/entities/event/northport-summit.json`;
const TALKS = `${DIR}/entities/topic/peace-talks.json`;
const AGENCY = `${DIR}/entities/org/wire-agency.json`;
const SOURCE = `${DIR}/sources/northport-report.json`;
const SOURCE_TEXT = `${DIR}/sources/northport-report.txt`;

type Json = Record<string, unknown> & { aliases: unknown[]; facts: { citations: { quote: string }[] }[] };

/** A copy of the fixture with one JSON file changed. */
function withJson(path: string, change: (json: Json) => void, files: DatasetFile[] = FIXTURE): DatasetFile[] {
  return files.map((file) => {
    if (file.path !== path) return file;
    const json = JSON.parse(file.text) as Json;
    change(json);
    return { path: file.path, text: JSON.stringify(json) };
  });
}

function issuesOf(files: DatasetFile[], requiredIds?: string[]): DatasetIssue[] {
  return validateDataset(files, requiredIds ? { requiredIds } : {}).issues;
}

describe('validateDataset', () => {
  it('accepts the valid fixture, search-only aliases included, and returns the dataset sorted by id', () => {
    const { dataset, issues } = validateDataset(FIXTURE);
    expect(issues).toEqual([]);
    expect(dataset?.entities.map((e) => e.id)).toEqual([
      'event/northport-summit',
      'org/wire-agency',
      'person/ada-lovett',
      'place/northport',
      'topic/peace-talks',
    ]);
    expect(dataset?.sources.map((s) => s.id)).toEqual(['northport-report']);
  });

  it('returns no dataset when there is any issue', () => {
    const { dataset, issues } = validateDataset(withJson(ADA, (j) => (j.facts = [])));
    expect(dataset).toBeUndefined();
    expect(issues).toHaveLength(1);
  });

  describe('facts and citations', () => {
    it('needs at least one cited fact', () => {
      expect(issuesOf(withJson(ADA, (j) => (j.facts = [])))).toEqual([
        {
          file: ADA,
          entityId: 'person/ada-lovett',
          field: 'facts',
          message: 'every entity needs at least one cited fact',
        },
      ]);
    });

    it('needs a citation on every fact', () => {
      expect(issuesOf(withJson(ADA, (j) => ((j.facts[0] as { citations: unknown[] }).citations = [])))).toEqual([
        {
          file: ADA,
          entityId: 'person/ada-lovett',
          field: 'facts.0.citations',
          message: 'every fact needs at least one citation',
        },
      ]);
    });

    it('finds every quote verbatim in its source, folding only white space and quote marks', () => {
      const folded = withJson(ADA, (j) => {
        (j.facts[0] as { citations: { quote: string }[] }).citations[0] = {
          source: 'northport-report',
          quote: 'officials  called the talks "constructive."',
        } as { quote: string };
      });
      expect(issuesOf(folded)).toEqual([]);
      const changed = withJson(ADA, (j) => {
        (j.facts[0] as { citations: { quote: string }[] }).citations[0] = {
          source: 'northport-report',
          quote: 'Special envoy Ada Lovett met both presidents in Southport',
        } as { quote: string };
      });
      expect(issuesOf(changed)).toEqual([
        {
          file: ADA,
          entityId: 'person/ada-lovett',
          field: 'facts.0.citations.0.quote',
          message:
            'is not found verbatim in source "northport-report": "Special envoy Ada Lovett met both presidents in Southport"',
        },
      ]);
    });

    it('checks the quotes of dispute claims too', () => {
      const files = withJson(SUMMIT, (j) => {
        const disputes = j.disputes as { claims: { citations: { quote: string }[] }[] }[];
        (disputes[0]?.claims[1]?.citations[0] as { quote: string }).quote = 'city officials put the number at six';
      });
      expect(issuesOf(files)).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'disputes.0.claims.1.citations.0.quote',
          message: 'is not found verbatim in source "northport-report": "city officials put the number at six"',
        },
      ]);
    });

    it('rejects citations of unknown sources', () => {
      const files = withJson(ADA, (j) => {
        (j.facts[0]?.citations[0] as { source?: string }).source = 'no-such-article';
      });
      expect(issuesOf(files)).toEqual([
        {
          file: ADA,
          entityId: 'person/ada-lovett',
          field: 'facts.0.citations.0.source',
          message: 'unknown source "no-such-article"',
        },
      ]);
    });
  });

  describe('ids and references', () => {
    it('matches the id to the file path', () => {
      expect(issuesOf(withJson(ADA, (j) => (j.id = 'person/ada-lovelace')))).toContainEqual({
        file: ADA,
        entityId: 'person/ada-lovelace',
        field: 'id',
        message: 'must match the file path ("person/ada-lovett")',
      });
    });

    it('matches the kind to the id prefix', () => {
      expect(issuesOf(withJson(AGENCY, (j) => (j.kind = 'person')))).toEqual([
        { file: AGENCY, entityId: 'org/wire-agency', field: 'kind', message: '"person" needs the id prefix "person/"' },
      ]);
    });

    it('names the entity by its file path when the id is missing', () => {
      expect(issuesOf(withJson(ADA, (j) => delete j.id))).toEqual([
        {
          file: ADA,
          entityId: 'person/ada-lovett',
          field: 'id',
          message: 'Invalid key: Expected "id" but received undefined',
        },
      ]);
    });

    it('rejects references to unknown entities and to the entity itself', () => {
      const files = withJson(
        ADA,
        (j) => (j.related = ['event/northport-summit', 'event/no-such-event', 'person/ada-lovett']),
      );
      expect(issuesOf(files)).toEqual([
        {
          file: ADA,
          entityId: 'person/ada-lovett',
          field: 'related.1',
          message: 'refers to unknown entity "event/no-such-event"',
        },
        { file: ADA, entityId: 'person/ada-lovett', field: 'related.2', message: 'refers to the entity itself' },
      ]);
    });

    it('rejects repeated ids in related, participants and sequence lists', () => {
      const files = withJson(SUMMIT, (j) => {
        j.related = ['topic/peace-talks', 'org/wire-agency', 'topic/peace-talks'];
        j.participants = ['person/ada-lovett', 'person/ada-lovett'];
      });
      expect(issuesOf(files)).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'related.2',
          message: 'repeats "topic/peace-talks" (already at related.0)',
        },
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'participants.1',
          message: 'repeats "person/ada-lovett" (already at participants.0)',
        },
      ]);
    });

    it('reports every required id that no entity has, at the file it would live in', () => {
      expect(issuesOf(FIXTURE, ['person/ada-lovett', 'org/missing-agency'])).toEqual([
        {
          file: `${DIR}/entities/org/missing-agency.json`,
          entityId: 'org/missing-agency',
          field: 'id',
          message: 'is required but no entity has it',
        },
      ]);
    });
  });

  describe('event fields', () => {
    it('requires a date and a status on events', () => {
      expect(issuesOf(withJson(SUMMIT, (j) => delete j.status))).toEqual([
        { file: SUMMIT, entityId: 'event/northport-summit', field: 'status', message: 'is required for events' },
      ]);
      expect(issuesOf(withJson(SUMMIT, (j) => delete j.date))).toEqual([
        { file: SUMMIT, entityId: 'event/northport-summit', field: 'date', message: 'is required for events' },
      ]);
    });

    it('allows date, place, participants and status only on events and topics', () => {
      const files = withJson(ADA, (j) => {
        j.date = { on: '2025-03-04', inferred: false };
        j.place = 'place/northport';
        j.participants = ['org/wire-agency'];
        j.status = 'held';
      });
      expect(issuesOf(files)).toEqual(
        ['date', 'place', 'participants', 'status'].map((field) => ({
          file: ADA,
          entityId: 'person/ada-lovett',
          field,
          message: 'is only for events and topics, not a person',
        })),
      );
    });

    it('allows familiar only on places', () => {
      expect(issuesOf(withJson(ADA, (j) => (j.familiar = true)))).toEqual([
        { file: ADA, entityId: 'person/ada-lovett', field: 'familiar', message: 'is only for places, not a person' },
      ]);
      expect(issuesOf(withJson(NORTHPORT, (j) => (j.familiar = true)))).toEqual([]);
    });

    it('allows precededBy and followedBy only on events, pointing at events', () => {
      expect(issuesOf(withJson(TALKS, (j) => (j.precededBy = ['event/northport-summit'])))).toEqual([
        { file: TALKS, entityId: 'topic/peace-talks', field: 'precededBy', message: 'is only for events, not a topic' },
      ]);
      expect(issuesOf(withJson(SUMMIT, (j) => (j.followedBy = ['topic/peace-talks'])))).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'followedBy.0',
          message: 'must refer to an event, not "topic/peace-talks"',
        },
      ]);
    });

    it('points place at a place and participants at people, organizations or places', () => {
      const files = withJson(SUMMIT, (j) => {
        j.place = 'person/ada-lovett';
        j.participants = ['person/ada-lovett', 'topic/peace-talks'];
      });
      expect(issuesOf(files)).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'place',
          message: 'must refer to a place, not "person/ada-lovett"',
        },
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'participants.1',
          message: 'must refer to a person, organization or place, not "topic/peace-talks"',
        },
      ]);
    });

    it('accepts only real calendar dates, and an end no earlier than the start', () => {
      expect(issuesOf(withJson(SUMMIT, (j) => (j.date = { on: '2025-02-30', inferred: false })))).toEqual([
        { file: SUMMIT, entityId: 'event/northport-summit', field: 'date.on', message: 'is not a real calendar date' },
      ]);
      expect(issuesOf(withJson(SUMMIT, (j) => (j.date = { on: '4 March 2025', inferred: false })))).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'date.on',
          message: 'must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD',
        },
        { file: SUMMIT, entityId: 'event/northport-summit', field: 'date.on', message: 'is not a real calendar date' },
      ]);
      expect(
        issuesOf(withJson(SUMMIT, (j) => (j.date = { on: '2025-03-04', until: '2025-03-01', inferred: false }))),
      ).toEqual([
        { file: SUMMIT, entityId: 'event/northport-summit', field: 'date.until', message: 'is before date.on' },
      ]);
    });
  });

  describe('aliases', () => {
    it('accepts a context rule naming entities of the dataset, and names file, entity and field of a bad one', () => {
      const rule = (context: unknown) =>
        issuesOf(withJson(SUMMIT, (j) => j.aliases.push({ text: 'the summit', case: 'any', context })));
      expect(rule({ of: ['person/ada-lovett', 'place/northport'], min: 2 })).toEqual([]);
      expect(rule({ of: ['person/ada-lovett', 'person/nobody'], min: 1 })).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'aliases.2.context.of.1',
          message: '"person/nobody" is not an entity id',
        },
      ]);
      expect(rule({ of: ['person/ada-lovett'], min: 2 })).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'aliases.2.context.min',
          message: 'asks for 2 entities but lists only 1',
        },
      ]);
      expect(rule({ of: [], min: 1 }).map((i) => i.field)).toEqual(['aliases.2.context.of']);
      expect(rule({ of: ['person/ada-lovett'], min: 0 }).map((i) => i.field)).toEqual(['aliases.2.context.min']);
      expect(rule({ of: ['person/ada-lovett', 'person/ada-lovett'], min: 1 }).map((i) => i.message)).toEqual([
        'lists an entity id twice',
      ]);
    });

    it('rejects a context rule on a search-only alias, where it could never apply', () => {
      const issues = issuesOf(
        withJson(SUMMIT, (j) =>
          j.aliases.push({ text: 'the summit', highlight: false, context: { of: ['place/northport'], min: 1 } }),
        ),
      );
      expect(issues.map((i) => [i.field, i.message])).toEqual([
        ['aliases.2.context', '"the summit" is search-only (highlight: false): a context rule would never apply'],
      ]);
    });

    it('allows maxGap only on phrases with a " … " gap', () => {
      expect(issuesOf(withJson(SUMMIT, (j) => (j.aliases[0] = { text: 'Northport summit', maxGap: 2 })))).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'aliases.0.maxGap',
          message: 'is only for phrases with a " … " gap, and "Northport summit" has none',
        },
      ]);
    });

    it('asks for " … " rather than "..." or an unspaced ellipsis', () => {
      expect(
        issuesOf(withJson(SUMMIT, (j) => (j.aliases[1] = { text: 'summit ... in Northport', case: 'any' }))),
      ).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'aliases.1.text',
          message: '"summit ... in Northport" writes a gap as "..."; use " … " (U+2026 with a space each side)',
        },
      ]);
      expect(issuesOf(withJson(SUMMIT, (j) => (j.aliases[1] = { text: 'summit…in Northport', case: 'any' })))).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'aliases.1.text',
          message: '"summit…in Northport" needs a space each side of "…"',
        },
      ]);
    });

    it('allows fuzzy matching only on single-word person and place aliases', () => {
      expect(issuesOf(withJson(AGENCY, (j) => (j.aliases[0] = { text: 'Wire Agency', fuzzy: true })))).toEqual([
        {
          file: AGENCY,
          entityId: 'org/wire-agency',
          field: 'aliases.0.fuzzy',
          message: 'applies only to single-word person and place aliases, not "Wire Agency"',
        },
      ]);
      expect(issuesOf(withJson(ADA, (j) => (j.aliases[0] = { text: 'Lovett', fuzzy: true })))).toEqual([
        {
          file: ADA,
          entityId: 'person/ada-lovett',
          field: 'aliases.1',
          message: '"Lovett" is listed twice (the matcher reads it like an earlier alias)',
        },
      ]);
      expect(issuesOf(withJson(ADA, (j) => (j.aliases[0] = { text: 'Ada', fuzzy: true })))).toEqual([]);
    });

    it('rejects an alias listed twice, also when only dashes or letter case differ', () => {
      expect(issuesOf(withJson(SUMMIT, (j) => j.aliases.push('NORTHPORT SUMMIT')))).toEqual([
        {
          file: SUMMIT,
          entityId: 'event/northport-summit',
          field: 'aliases.2',
          message: '"NORTHPORT SUMMIT" is listed twice (the matcher reads it like an earlier alias)',
        },
      ]);
      expect(issuesOf(withJson(TALKS, (j) => j.aliases.push({ text: 'peace-talks', case: 'any' })))).toEqual([
        {
          file: TALKS,
          entityId: 'topic/peace-talks',
          field: 'aliases.2',
          message: '"peace-talks" is listed twice (the matcher reads it like an earlier alias)',
        },
      ]);
    });

    it('requires every holder of a shared alias to mark it, and exactly one to prefer it', () => {
      expect(issuesOf(withJson(AGENCY, (j) => j.aliases.push('Lovett')))).toEqual([
        {
          file: AGENCY,
          entityId: 'org/wire-agency',
          field: 'aliases.2',
          message:
            '"Lovett" also belongs to org/wire-agency, person/ada-lovett: mark it ambiguous with resolve "prefer" or "defer"',
        },
      ]);
      const twoPrefer = withJson(AGENCY, (j) =>
        j.aliases.push({ text: 'Lovett', ambiguous: { resolve: 'prefer', note: 'Its founder.' } }),
      );
      expect(issuesOf(twoPrefer)).toEqual([
        {
          file: AGENCY,
          entityId: 'org/wire-agency',
          field: 'aliases.2',
          message:
            '"Lovett" is shared by org/wire-agency, person/ada-lovett: exactly one must resolve "prefer" (found 2)',
        },
      ]);
      const deferred = withJson(AGENCY, (j) =>
        j.aliases.push({ text: 'Lovett', ambiguous: { resolve: 'defer', note: 'Its founder; the envoy wins.' } }),
      );
      expect(issuesOf(deferred)).toEqual([]);
    });

    it('rejects "defer" on an alias no other entity prefers', () => {
      const files = withJson(
        AGENCY,
        (j) => (j.aliases[0] = { text: 'Wire Agency', ambiguous: { resolve: 'defer', note: 'x' } }),
      );
      expect(issuesOf(files)).toEqual([
        {
          file: AGENCY,
          entityId: 'org/wire-agency',
          field: 'aliases.0.ambiguous',
          message: 'resolves "defer" but no other entity has "Wire Agency" to prefer it',
        },
      ]);
    });

    it('rejects "longest-wins" when no longer alias contains the alias', () => {
      const files = withJson(SUMMIT, (j) => (j.aliases = [{ text: 'summit', case: 'any' }]));
      expect(issuesOf(files)).toEqual([
        {
          file: NORTHPORT,
          entityId: 'place/northport',
          field: 'aliases.0.ambiguous',
          message: 'resolves "longest-wins" but no longer alias contains "Northport"',
        },
      ]);
    });

    it('keeps search-only aliases (highlight: false) valid', () => {
      const files = withJson(ADA, (j) => j.aliases.push({ text: 'AL', case: 'exact', highlight: false }));
      expect(issuesOf(files)).toEqual([]);
    });
  });

  describe('sources', () => {
    it('requires a basis for inferred publication dates and an order between them', () => {
      const files = withJson(SOURCE, (j) => {
        j.published = { earliest: '2025-03-06', latest: '2025-03-05', inferred: true };
      });
      expect(issuesOf(files)).toEqual([
        { file: SOURCE, entityId: 'northport-report', field: 'published', message: 'earliest is after latest' },
        {
          file: SOURCE,
          entityId: 'northport-report',
          field: 'published.basis',
          message: 'is required when the date is inferred',
        },
      ]);
    });

    it('requires the article text beside the metadata, and metadata beside the text', () => {
      expect(issuesOf(FIXTURE.filter((f) => f.path !== SOURCE_TEXT))).toContainEqual({
        file: SOURCE,
        entityId: 'northport-report',
        field: 'id',
        message: 'has no article text (expected northport-report.txt beside it)',
      });
      const orphan = [...FIXTURE, { path: `${DIR}/sources/orphan.txt`, text: 'Some text.' }];
      expect(issuesOf(orphan)).toEqual([
        {
          file: `${DIR}/sources/orphan.txt`,
          entityId: 'orphan',
          field: '(file)',
          message: 'has no metadata (expected orphan.json beside it)',
        },
      ]);
    });

    it('rejects a source no entity cites', () => {
      const extra = FIXTURE.filter((f) => f.path.includes('/sources/')).map((f) => ({
        path: f.path.replace('northport-report', 'unused-report'),
        text: f.text.replace('"northport-report"', '"unused-report"'),
      }));
      expect(issuesOf([...FIXTURE, ...extra])).toEqual([
        {
          file: `${DIR}/sources/unused-report.json`,
          entityId: 'unused-report',
          field: 'id',
          message: 'is never cited: cite it from a fact or remove it',
        },
      ]);
    });
  });

  it('names the file, the entity and the field in every message', () => {
    const broken = withJson(
      SUMMIT,
      (j) => {
        j.related = ['topic/peace-talks', 'topic/peace-talks'];
        j.aliases.push({ text: 'Northport summit meeting', maxGap: 2 });
      },
      withJson(ADA, (j) => (j.status = 'held')),
    );
    const lines = issuesOf(broken).map(formatIssue);
    // Grouped by file, in file order; within a file in the order of the fields.
    expect(lines).toEqual([
      `${SUMMIT}: event/northport-summit aliases.2.maxGap: is only for phrases with a " … " gap, and "Northport summit meeting" has none`,
      `${SUMMIT}: event/northport-summit related.1: repeats "topic/peace-talks" (already at related.0)`,
      `${ADA}: person/ada-lovett status: is only for events and topics, not a person`,
    ]);
  });
});
