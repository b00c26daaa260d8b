import { describe, expect, it } from 'vitest';
import { type CardDataMessage, cardDataReader } from '../../../src/core/card-data.ts';
import type { Entity } from '../../../src/core/dataset-schema.ts';
import peskov from '../../../src/data/entities/person/dmitry-peskov.json' with { type: 'json' };

const message = (): CardDataMessage => ({
  entity: peskov as Entity,
  sources: [],
  names: [['vladimir-putin', 'Vladimir Putin']],
  packs: [],
});

describe('cardDataReader: one card’s data per answer', () => {
  it('reads an answer once: the card made ahead from it is known as the one to show', () => {
    const read = cardDataReader();
    const answer = message();
    const data = read(answer);
    expect(read(answer)).toBe(data);
    expect(data.names.get('vladimir-putin')).toBe('Vladimir Putin');
    expect(data.names.get(peskov.id)).toBe(peskov.name);
  });

  it('reads a new answer for the same entity anew (the dataset may have changed since)', () => {
    const read = cardDataReader();
    const first = read(message());
    const second = read({ ...message(), names: [['vladimir-putin', 'President Putin']] });
    expect(second).not.toBe(first);
    expect(second.names.get('vladimir-putin')).toBe('President Putin');
  });
});
