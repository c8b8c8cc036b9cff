import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { distanceEdition } from '../../classification/distance-edition.ts';

const distance = suite('distanceEdition');

distance('counts insertions, deletions and substitutions', () => {
  const cas: [string, string, number][] = [
    ['', '', 0],
    ['', 'abc', 3],
    ['DUPONT', 'DUPONT', 0],
    ['DUPONT', 'DUP0NT', 1],
    ['DUPONT', 'DUPOND', 1],
    ['DUPONT', 'DUPNT', 1],
    ['DUPONT', 'DUPPONT', 1],
    ['kitten', 'sitting', 3],
  ];
  for (const [a, b, d] of cas) {
    assert.is(distanceEdition(a, b), d, `${a} / ${b}`);
    assert.is(distanceEdition(b, a), d, `${b} / ${a}`);
  }
});

distance.run();
