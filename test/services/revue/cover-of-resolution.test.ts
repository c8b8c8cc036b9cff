import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { coverOfResolution } from '../../../services/revue/cover-of-resolution.ts';

const envelope = { motif: 'couverture_non_rattachee', pages: [4, 5, 6, 7, 8] };

test("an envelope's leading pages left out of the documents are its cover: the attestation and its own pages", () => {
  assert.equal(coverOfResolution(envelope, [{ pages: [6, 7] }, { pages: [8] }]), [4, 5]);
  assert.equal(coverOfResolution({ ...envelope, motif: 'pli_a_verifier' }, [{ pages: [5, 6, 7, 8] }]), [4]);
});

test('a page left out between or after documents is no cover: it stays with the task', () => {
  assert.equal(coverOfResolution(envelope, [{ pages: [5] }, { pages: [7] }]), [4]);
  assert.equal(coverOfResolution(envelope, [{ pages: [4, 5, 6] }]), [], 'the operator filed the attestation as a piece');
});

test('a task that holds no envelope has no cover unless the operator names one', () => {
  assert.equal(coverOfResolution({ motif: 'type_incertain', pages: [6, 7] }, [{ pages: [7] }]), []);
  assert.equal(coverOfResolution({ motif: 'lot_en_echec', pages: [0, 1, 2] }, [{ pages: [2] }], [1, 0]), [0, 1]);
  assert.equal(coverOfResolution(envelope, [{ pages: [6, 7, 8] }], [4]), [4], 'named pages win over the leading ones');
});

test.run();
