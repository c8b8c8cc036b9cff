import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decideAttempt, mayTakeAgain } from '../../../services/lots/decide-attempt.ts';

test('a failed attempt is retried until the last one allowed, which sets the lot aside', () => {
  assert.is(decideAttempt({ tentatives: 1, maxTentatives: 3, backendsJoignables: true }), 'nouvel_essai');
  assert.is(decideAttempt({ tentatives: 2, maxTentatives: 3, backendsJoignables: true }), 'nouvel_essai');
  assert.is(decideAttempt({ tentatives: 3, maxTentatives: 3, backendsJoignables: true }), 'echec');
  assert.is(decideAttempt({ tentatives: 1, maxTentatives: 1, backendsJoignables: true }), 'echec');
});

test("an attempt cut short by an unreachable database or S3 is not the lot's failure, even the last one", () => {
  assert.is(decideAttempt({ tentatives: 3, maxTentatives: 3, backendsJoignables: false }), 'panne');
  assert.is(decideAttempt({ tentatives: 1, maxTentatives: 3, backendsJoignables: false }), 'panne');
});

test('a lot is taken again only while it has attempts left', () => {
  assert.ok(mayTakeAgain({ tentatives: 0, maxTentatives: 3 }));
  assert.ok(mayTakeAgain({ tentatives: 2, maxTentatives: 3 }));
  assert.not.ok(mayTakeAgain({ tentatives: 3, maxTentatives: 3 }));
});

test.run();
