import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lireNumerosCouverture } from '../../classification/lire-numeros-couverture.ts';
import { matchCouverture } from '../../classification/match-couverture.ts';
import type { PageTexte } from '../../classification/page-text.ts';
import { splitPlis } from '../../classification/split-plis.ts';
import { ATTESTATION_COVERS, COVER_SNE } from '../../fixtures/cover.ts';
import { COURRIER_GUICHET, DEVELOPMENT_COVERS } from '../../fixtures/covers-developpement.ts';
import { makeDemandeur } from '../../fixtures/demandeur.ts';
import type { NuStyle } from '../../fixtures/numero-unique.ts';
import { createRng } from '../../fixtures/prng.ts';
import { texteDePage } from '../support/texte-de-page.ts';
import { registreMemoire } from './registre-memoire.ts';

const STYLES: NuStyle[] = ['espaces', 'compact', 'tirets', 'points', 'doubles'];
const ref = '2025-10-01';

// Every cover layout of the development group, every number spelling: the page after another
// applicant's envelope opens a new one, matched to its applicant; the guichet's covering letter
// quoting the number stays in the envelope. Text as a perfect OCR would read it: layouts, not
// pixels, are what this table is about (the eval reads the pixels).
test('the cover decision across every development layout and number spelling', () => {
  for (const layout of [...ATTESTATION_COVERS, ...DEVELOPMENT_COVERS]) {
    for (const [s, nuStyle] of STYLES.entries()) {
      const rng = createRng(1000 + s);
      const a = makeDemandeur(rng.fork('a'), 1234 + s, ref);
      const b = makeDemandeur(rng.fork('b'), 987 + s, ref);
      const opts = { nuStyle, font: 'sans' as const, dateEdition: ref };
      const textes = [
        texteDePage(COVER_SNE.draw(a, rng.fork('ca'), opts).page),
        `Avis d'impôt 2025\n${a.nom.toUpperCase()} ${a.prenom}\nRevenu fiscal de référence`,
        texteDePage(layout.draw(b, rng.fork('cb'), opts).page),
        ...COURRIER_GUICHET.draw({ rng: rng.fork('lettre'), d: b, ref, font: 'sans' }).map(texteDePage),
      ];
      const pages: PageTexte[] = textes.map((text, index) => ({ index, text }));
      const registre = registreMemoire([a, b].map((d) => ({ numeroUnique: d.numeroUnique, etat: 'active' as const, nom: d.nom, prenom: d.prenom })));
      const cas = `${layout.nom} / ${nuStyle}`;
      const plis = splitPlis(pages, registre).plis;
      assert.equal(
        plis.map((p) => [p.couverture, p.pages, p.alertes]),
        [
          [0, [1], []],
          [2, textes.slice(3).map((_, i) => 3 + i), []],
        ],
        `${cas}\n${textes[2]}`,
      );
      const match = matchCouverture(lireNumerosCouverture({ texte: textes[2]! }), textes[2]!, registre);
      assert.ok(match.ok && match.numeroUnique === b.numeroUnique, `${cas}: ${JSON.stringify(match)}\n${textes[2]}`);
    }
  }
});

test.run();
