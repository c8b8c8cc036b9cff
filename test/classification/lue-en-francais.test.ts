import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lueEnFrancais } from '../../classification/lue-en-francais.ts';

test('a page in French, a page in another language, a page too short to tell', () => {
  assert.is(lueEnFrancais('La commission a retenu votre candidature pour la campagne de cette année, votre dossier étant complet à la date prévue.'), true);
  assert.is(
    lueEnFrancais(
      'NOM\nROBIN\nPRÉNOMS\nMARIE\nNATIONALITÉ\nAPATRIDE\nDATE DE NAISSANCE\n21/09/1958\nTITRE DE SÉJOUR\nSEXE F\nFIN DE VALIDITÉ\n01/12/2026\nLieu de naissance ROME\nRemarques',
    ),
    true,
  );
  assert.is(
    lueEnFrancais(
      'Ausdruck der elektronischen Bescheinigung für 2024. Nachfolgende Daten wurden maschinell an die Finanzverwaltung übertragen. Dauer des Dienstverhältnisses',
    ),
    false,
  );
  // Spanish shares « de », « la », « en » with French, not « le », « les », « des », « et »
  assert.is(
    lueEnFrancais(
      'Registro Civil de Madrid. Certificación literal de nacimiento con nota marginal de cambio de orden de apellidos. Nacido el 30/01/1957 en Casablanca, por declaración del inscrito ante el Encargado del Registro Civil.',
    ),
    false,
  );
  assert.is(lueEnFrancais('Copie de la carte - recto'), undefined);
});

test.run();
