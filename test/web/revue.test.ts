import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumPath, hasChromium, launchChromium } from '../support/chromium.ts';
import { backendNames, tempDir, testDatabase, uniqueName } from '../support/backends.ts';
import { callServer } from '../support/http.ts';
import { postMessageWithoutNumber, revueRegistry, revueRegistry2, writeRevueLot, writeRevueLot2 } from '../support/revue-lot.ts';
import { runCli, startServer, type ServerProcess } from '../support/server-process.ts';

const docs = path.resolve(import.meta.dirname, '../../docs');
// screenshots and the scripted operator's timing are written to docs/ only when asked (REVUE_DOCS=1)
const writeDocs = process.env.REVUE_DOCS === '1';

type Context = {
  dataDir: string;
  server: ServerProcess;
  browser: Browser;
  lot: any;
  lot2: any;
  courriel: any;
  tokens: { claire: string; bruno: string; gestionnaire: string };
  dropDatabase: () => Promise<void>;
};

/** The reasons of the tasks the two lots and the message leave, as the queue counts them. */
const reasonLabels = {
  avant_premiere_couverture: 'Pages avant la première couverture',
  couverture_non_rattachee: 'Couverture non rattachée',
  type_incertain: 'Type incertain',
  pli_a_verifier: 'Pli à vérifier',
  plis_declares_different: 'Nombre de plis déclaré différent',
  fichier_illisible: 'Fichier illisible',
  numero_absent: 'Message sans numéro unique',
};

const revue = suite<Context>(`/revue in Chromium against the real server process (${backendNames.database}, ${backendNames.s3})`);

async function createToken(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const created = await runCli(['token', 'create', ...args], env);
  assert.is(created.status, 0, created.stderr);
  return created.lastLine;
}

async function signIn(context: BrowserContext, baseUrl: string, token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/revue`);
  await page.fill('#jeton', token);
  await Promise.all([page.waitForURL(`${baseUrl}/revue`), page.click('button:has-text("Se connecter")')]);
  return page;
}

/** Presses a key that leads to another page, and waits for it. */
async function pressAndLoad(page: Page, key: string) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

/** Types into the focused field and takes the suggestion chosen (the first) once it names `expected`. */
async function typeAndPick(page: Page, list: string, text: string, expected: string) {
  await page.keyboard.type(text, { delay: 15 });
  await page.waitForSelector(`${list} li.choisie:has-text("${expected}")`);
  await page.keyboard.press('Enter');
}

async function goToPage(page: Page, n: number) {
  for (let i = 0; i < 10; i++) {
    const legend = (await page.textContent('#legende')) ?? '';
    const current = Number(/^Page (\d+)/.exec(legend)?.[1]) - 1;
    if (current === n) return;
    await page.keyboard.press(current < n ? 'ArrowRight' : 'ArrowLeft');
  }
  assert.unreachable(`page ${n + 1} not reached`);
}

revue.before(async (context) => {
  context.dataDir = await tempDir('du-revue-web-');
  const database = process.env.DATABASE_URL ? await testDatabase() : undefined;
  context.dropDatabase = async () => database?.close();
  const env = { DATA_DIR: context.dataDir, S3_BUCKET_PREFIX: uniqueName('v'), OCR_WORKERS: '2', ...(database?.url ? { DATABASE_URL: database.url } : {}) };
  context.server = await startServer(env, 60_000);
  context.tokens = {
    claire: await createToken(env, ['--role', 'operateur', '--name', 'Claire Opératrice']),
    bruno: await createToken(env, ['--role', 'operateur', '--name', 'Bruno Opérateur']),
    gestionnaire: await createToken(env, ['--role', 'gestionnaire', '--name', 'Gestion 57']),
  };
  const csv = path.join(context.dataDir, 'demandes.csv');
  await fs.writeFile(csv, `${revueRegistry.csv}\n${revueRegistry2.csv}\n`);
  const imported = await runCli(['demandes', 'import', csv], env);
  assert.is(imported.status, 0, imported.stderr);
  const ingested = await runCli(['ingest', ...(await writeRevueLot(context.dataDir))], env);
  assert.is(ingested.status, 0, ingested.stderr);
  assert.match(ingested.stderr, '/8 pages', 'the progress line knows the total');
  context.lot = JSON.parse(ingested.lastLine);
  const ingested2 = await runCli(['ingest', ...(await writeRevueLot2(context.dataDir)), '--plis', '3'], env);
  assert.is(ingested2.status, 0, ingested2.stderr);
  context.lot2 = JSON.parse(ingested2.lastLine);
  context.courriel = await postMessageWithoutNumber(context.server.baseUrl, context.tokens.claire);
  context.browser = await launchChromium();
});

revue.after(async (context) => {
  await context.browser?.close();
  await context.server?.stop();
  await context.dropDatabase?.();
  if (context.dataDir) await fs.rm(context.dataDir, { recursive: true, force: true });
});

revue('the lots and the message leave a task of each reason the pipeline gives an operator', ({ lot, lot2, courriel }) => {
  assert.is(lot.statut, 'a_revoir');
  assert.equal(lot.revue.map((t: any) => [t.motif, t.pages]).sort(), [
    ['avant_premiere_couverture', [0]],
    ['couverture_non_rattachee', [1, 2, 4, 5]],
    ['type_incertain', [7]],
  ]);
  assert.equal(lot.pagesBlanches, [3]);
  assert.is(lot2.statut, 'a_revoir');
  assert.equal(lot2.revue.map((t: any) => [t.motif, t.pages]).sort(), [
    ['fichier_illisible', []],
    ['pli_a_verifier', [0, 1, 2]],
    ['plis_declares_different', [4]],
  ]);
  // Nguyen's cover stands; her last page, which does not name her, waits: a cover missed before it would make it another's
  assert.equal(
    lot2.plis.map((p: any) => [p.numeroUnique, p.couverture]),
    [[revueRegistry2.nguyen, [3]]],
  );
  assert.is(courriel.statut, 'a_revoir');
  assert.equal(
    courriel.revue.map((t: any) => t.motif),
    ['numero_absent'],
  );
});

revue(
  'an operator resolves every task with the keyboard alone; another operator sees the task held',
  async ({ server, browser, tokens, lot, lot2, courriel }) => {
    const { baseUrl } = server;
    const claireContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    const brunoContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1920, height: 1080 } });
    try {
      const claire = await signIn(claireContext, baseUrl, tokens.claire);
      const bruno = await signIn(brunoContext, baseUrl, tokens.bruno);

      // the queue: seven tasks, counted per reason, with their deadline
      assert.is(await claire.locator('#file tbody tr').count(), 7);
      const counts = (await claire.textContent('.compteurs')) ?? '';
      for (const label of Object.values(reasonLabels)) assert.match(counts, `${label} · 1`);
      if (writeDocs) await claire.screenshot({ path: path.join(docs, 'revue-file.png') });

      const solved: string[] = [];
      let radieeRefused = false;
      await pressAndLoad(claire, 'n');
      for (let round = 0; round < 7; round++) {
        const view = claire.locator('[data-vue=tache]');
        const motif = await view.getAttribute('data-motif');
        const taskId = (await view.getAttribute('data-tache'))!;

        if (round === 0) {
          // Bruno sees the task Claire opened as hers, and cannot decide it
          await bruno.reload();
          assert.match((await bruno.textContent(`tr[data-tache="${taskId}"]`)) ?? '', 'Claire Opératrice');
          await bruno.goto(`${baseUrl}/revue/taches/${taskId}`);
          assert.match((await bruno.textContent('#tenue')) ?? '', 'Tâche tenue par Claire Opératrice');
          assert.ok(await bruno.isDisabled('#nu'));
          const refused = await callServer(baseUrl, 'POST', `/v1/revue/${taskId}/resolution`, { token: tokens.bruno, json: { rejet: 'pas pour moi' } });
          assert.is(refused.status, 409);
          assert.is(refused.body.code, 'tache_tenue');
          assert.match(refused.body.detail, 'Claire Opératrice');
          assert.is(await bruno.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, 'no horizontal scroll at 1920×1080');
        }

        if (motif === 'avant_premiere_couverture') {
          await claire.keyboard.press('x');
          await claire.keyboard.type('Note interne du prestataire, sans dossier', { delay: 5 });
          await pressAndLoad(claire, 'Enter');
        } else if (motif === 'couverture_non_rattachee') {
          // the number zone cut out, beside what was read there
          assert.match((await claire.textContent('.zone .lectures')) ?? '', '057 0322 000123 10691');
          assert.is(await claire.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, 'no horizontal scroll at 1280×800');
          if (writeDocs) await claire.screenshot({ path: path.join(docs, 'revue-couverture.png') });
          // proposed: the avis and its pages, typed with its confidence; the untitled quittance after its « Page 2/2 » apart, its type a guess
          assert.is(await claire.locator('#documents [data-document]').count(), 2);
          assert.match((await claire.textContent('#documents')) ?? '', /pages 3, 5RFR\/AVI[\s\S]*confiance[\s\S]*pages 6LOGACT\/JUSTL/);
          // a radiée demande first: the API's refusal shows beside the number, nothing is applied
          await claire.keyboard.press('n');
          await typeAndPick(claire, '#nu-suggestions', '974 0624', 'PAYET');
          await goToPage(claire, 3);
          assert.match((await claire.textContent('#legende')) ?? '', 'blanche écartée');
          await claire.keyboard.press('b'); // the dropped blank page back into the document
          await goToPage(claire, 5);
          // a cut undone and made again: the quittance joins the avis, then is a document of its own
          await claire.keyboard.press('s');
          assert.is(await claire.locator('#documents [data-document]').count(), 1);
          await claire.keyboard.press('s');
          assert.is(await claire.locator('#documents [data-document]').count(), 2);
          await goToPage(claire, 2);
          await claire.keyboard.press('t');
          await typeAndPick(claire, '#type-suggestions', 'avis impos', 'RFR/AVI');
          await goToPage(claire, 5);
          await claire.keyboard.press('t');
          await typeAndPick(claire, '#type-suggestions', 'quittance', 'LOGACT/JUSTL');
          await claire.keyboard.press('Enter');
          await claire.waitForSelector('#erreur-nu:has-text("radiée")');
          radieeRefused = true;
          const still = await callServer(baseUrl, 'GET', `/v1/revue/${taskId}`, { token: tokens.claire });
          assert.is(still.body.statut, 'ouverte', 'a refused decision applies nothing');
          await claire.keyboard.press('n');
          await claire.keyboard.press('Control+A');
          await typeAndPick(claire, '#nu-suggestions', '0571215073904', 'MARTIN');
          assert.match((await claire.textContent('#nu-confirme')) ?? '', 'MARTIN Paul');
          assert.equal(await claire.locator('#documents [data-type]').evaluateAll((n) => n.map((e) => e.getAttribute('data-type'))), [
            'RFR/AVI',
            'LOGACT/JUSTL',
          ]);
          await pressAndLoad(claire, 'Enter');
        } else if (motif === 'type_incertain') {
          // its « Cordialement » the only hint: a letter, proposed below the threshold
          assert.match((await claire.textContent('#documents')) ?? '', 'DOC/COU');
          assert.match((await claire.textContent('#indices')) ?? '', /DOC\/COU\s*score/);
          if (writeDocs) await claire.screenshot({ path: path.join(docs, 'revue-document.png') });
          await claire.keyboard.press('t');
          await typeAndPick(claire, '#type-suggestions', 'courrier', 'DOC/COU');
          await pressAndLoad(claire, 'Enter');
        } else if (motif === 'pli_a_verifier') {
          // held because a page names another applicant of the lot: the operator reads it and confirms the envelope
          assert.match((await claire.textContent('#indices')) ?? '', /autre demandeur, page 3/);
          assert.is(await claire.inputValue('#nu'), revueRegistry2.benali);
          // the envelope's two documents as the pipeline cut them, each typed by the operator
          assert.is(await claire.locator('#documents [data-document]').count(), 2);
          await goToPage(claire, 1);
          await claire.keyboard.press('t');
          await typeAndPick(claire, '#type-suggestions', 'avis impos', 'RFR/AVI');
          await goToPage(claire, 2);
          await claire.keyboard.press('t');
          await typeAndPick(claire, '#type-suggestions', 'héberg', 'LOGACT/HEB');
          await pressAndLoad(claire, 'Enter');
        } else if (motif === 'plis_declares_different') {
          // three envelopes declared, two found: the second's cover was filed, its last page, untitled and unnamed, is typed by the operator
          assert.match((await claire.textContent('.code')) ?? '', '3 plis déclarés, 2 couvertures trouvées');
          assert.is(await claire.inputValue('#nu'), revueRegistry2.nguyen);
          await goToPage(claire, 4);
          await claire.keyboard.press('t');
          await typeAndPick(claire, '#type-suggestions', 'quittance', 'LOGACT/JUSTL');
          await pressAndLoad(claire, 'Enter');
        } else if (motif === 'fichier_illisible') {
          // a file with no page to show: named, and rejected with its reason
          assert.match((await claire.textContent('.code')) ?? '', 'lot2-page-6.jpg');
          assert.match((await claire.textContent('#legende')) ?? '', 'Aucune page lisible');
          await claire.keyboard.press('x');
          await claire.keyboard.type('Fichier coupé au transfert : redemandé au prestataire', { delay: 5 });
          await pressAndLoad(claire, 'Enter');
        } else if (motif === 'numero_absent') {
          // a guichet's message without a number: the operator finds the person by name
          await claire.keyboard.press('n');
          await typeAndPick(claire, '#nu-suggestions', 'Lefèvre', 'LEFÈVRE');
          assert.match((await claire.textContent('#nu-confirme')) ?? '', 'LEFÈVRE Élodie');
          await claire.keyboard.press('t');
          await typeAndPick(claire, '#type-suggestions', 'quittance', 'LOGACT/JUSTL');
          await pressAndLoad(claire, 'Enter');
        } else assert.unreachable(`unexpected task ${motif}`);
        solved.push(motif!);
      }
      assert.equal(solved.sort(), Object.keys(reasonLabels).sort());
      assert.ok(radieeRefused);
      // the last Enter found no task left
      assert.match(claire.url(), /\/revue\?(.*&)?fin=?$/);
      assert.match((await claire.textContent('main')) ?? '', 'Aucune tâche ouverte');

      // filed pieces, as [category, type, source pages]: the envelope split in two, the blank page in
      // the first, the types changed, the message's attachment in Élodie Lefèvre's dossier
      const piecesOf = async (nu: string, withLot = false) =>
        (await callServer(baseUrl, 'GET', `/v1/dossiers/${encodeURIComponent(nu)}/pieces`, { token: tokens.gestionnaire })).body.items
          .map((p: any) => [p.categorie, p.type, ...(withLot ? [p.source.lotId] : []), p.source.pages])
          .sort();
      assert.equal(await piecesOf(revueRegistry.martin), [
        ['LOGACT', 'JUSTL', [5]],
        ['RFR', 'AVI', [2, 3, 4]],
      ]);
      assert.equal(await piecesOf(revueRegistry.lefevre, true), [
        ['DOC', 'COU', lot.id, [7]],
        ['LOGACT', 'JUSTL', courriel.id, [0]],
      ]);
      assert.equal(await piecesOf(revueRegistry2.benali), [
        ['LOGACT', 'HEB', [2]],
        ['RFR', 'AVI', [1]],
      ]);
      assert.equal(await piecesOf(revueRegistry2.nguyen), [['LOGACT', 'JUSTL', [4]]]);
      assert.equal(await piecesOf(revueRegistry.radiee), []);
      // the journal names the operator
      for (const nu of [revueRegistry.martin, revueRegistry.lefevre, revueRegistry2.benali, revueRegistry2.nguyen]) {
        const journal = await callServer(baseUrl, 'GET', `/v1/dossiers/${encodeURIComponent(nu)}/journal`, { token: tokens.gestionnaire });
        const creations = journal.body.items.filter((e: any) => e.evenement === 'creation');
        assert.ok(creations.length > 0);
        for (const e of creations) assert.is(e.acteur, 'Claire Opératrice', JSON.stringify(e));
      }
      // the lot's accounting: every page in one place, nothing left blank, no task open
      const report = (await callServer(baseUrl, 'GET', `/v1/lots/${lot.id}`, { token: tokens.gestionnaire })).body;
      assert.is(report.statut, 'termine');
      assert.equal(report.pagesBlanches, []);
      assert.equal(report.plis.map((p: any) => [p.numeroUnique, p.couverture]).sort(), [
        [revueRegistry.lefevre, [6]],
        [revueRegistry.martin, [1]],
      ]);
      const places = [
        ...report.plis.flatMap((p: any) => [...p.couverture, ...p.pieces.flatMap((x: any) => x.pages)]),
        ...report.revue.flatMap((r: any) => r.pages),
      ].sort();
      assert.equal(places, [0, 1, 2, 3, 4, 5, 6, 7]);
      const report2 = (await callServer(baseUrl, 'GET', `/v1/lots/${lot2.id}`, { token: tokens.gestionnaire })).body;
      assert.is(report2.statut, 'termine');
      assert.equal(report2.plis.map((p: any) => [p.numeroUnique, p.couverture, p.pieces.map((x: any) => x.pages)]).sort(), [
        [revueRegistry2.benali, [0], [[1], [2]]],
        [revueRegistry2.nguyen, [3], [[4]]],
      ]);
      // a rejection stays in the lot's record, with its pages, under the operator's name
      const rejected = report2.revue.find((r: any) => r.motif === 'fichier_illisible');
      assert.is(rejected.statut, 'rejetee');
      assert.is(rejected.decision.par, 'Claire Opératrice');
      assert.is(rejected.decision.rejet, 'Fichier coupé au transfert : redemandé au prestataire');
      const rejectedPages = report.revue.find((r: any) => r.motif === 'avant_premiere_couverture');
      assert.equal([rejectedPages.statut, rejectedPages.pages, rejectedPages.decision.par], ['rejetee', [0], 'Claire Opératrice']);
      const mail = (await callServer(baseUrl, 'GET', `/v1/lots/${courriel.id}`, { token: tokens.gestionnaire })).body;
      assert.is(mail.statut, 'termine');
      assert.equal((await callServer(baseUrl, 'GET', '/v1/revue', { token: tokens.claire })).body.items, []);

      // the station's own timing
      await pressAndLoad(claire, 'a');
      const row = claire.locator('#activite tr', { hasText: 'Claire Opératrice' });
      assert.match((await row.textContent()) ?? '', '7');
      const median = Number(await row.locator('[data-mediane]').getAttribute('data-mediane'));
      assert.ok(median > 0 && median < 120, `median ${median} s`);
      console.log(`scripted operator: 7 tasks, median ${median} s per task`);
      if (writeDocs) await writeActivityDoc(median);

      // the lots view: the lot filed whole, its tasks listed
      await pressAndLoad(claire, 'l');
      const lotRow = claire.locator(`tr[data-lot="${lot.id}"]`);
      assert.match((await lotRow.locator('.lues').textContent()) ?? '', '8/8');
      assert.match((await lotRow.textContent()) ?? '', 'terminé');
      if (writeDocs) await claire.screenshot({ path: path.join(docs, 'revue-lots.png') });
    } catch (error) {
      // what the operator's page showed when it failed: where it was and what it said
      const pages = claireContext.pages();
      const last = pages[pages.length - 1];
      if (last) console.error(`at ${last.url()}: ${(await last.textContent('body').catch(() => ''))?.replace(/\s+/g, ' ').slice(0, 1500)}`);
      throw error;
    } finally {
      await claireContext.close();
      await brunoContext.close();
    }
  },
);

revue('a gestionnaire follows the queue but decides nothing; nothing is served without the cookie', async ({ server, browser, tokens }) => {
  const { baseUrl } = server;
  const context = await browser.newContext({ locale: 'fr-FR' });
  try {
    const page = await signIn(context, baseUrl, tokens.gestionnaire);
    assert.match((await page.textContent('header')) ?? '', 'Gestion 57');
    const response = await page.goto(`${baseUrl}/revue/taches/00000000-0000-0000-0000-000000000000`);
    assert.is(response?.status(), 404);
  } finally {
    await context.close();
  }
  const anonymous = await fetch(`${baseUrl}/revue/lots`);
  assert.is(anonymous.status, 401);
  assert.match(anonymous.headers.get('content-security-policy') ?? '', "script-src 'self'");
  const relayed = await fetch(`${baseUrl}/revue/api/v1/revue`);
  assert.is(relayed.status, 401);
  const forged = await fetch(`${baseUrl}/revue/api/v1/revue/00000000-0000-0000-0000-000000000000/prise`, {
    method: 'POST',
    headers: { cookie: `revue_jeton=${tokens.claire}` },
  });
  assert.is(forged.status, 400, 'a call without the station header is refused');
});

async function writeActivityDoc(median: number) {
  const { execSync } = await import('node:child_process');
  const os = await import('node:os');
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  await fs.writeFile(
    path.join(docs, 'revue-activite.md'),
    [
      '# Review station: the scripted operator',
      '',
      `Written by \`REVUE_DOCS=1 npx uvu -r tsx test/web revue\` at commit \`${commit}\`, load average ${load}, ${os.cpus().length} CPUs.`,
      '',
      'The Chromium test signs in as an operator and decides, with the keyboard alone, the seven tasks that two generated lots',
      "and a guichet's message leave, one of each reason: reject the pages before the first cover; attach the unmatched cover",
      'to a person found by typing the number, after the API refused a radiée demande, bring back a dropped blank page, split',
      'the envelope in two and type both documents; change the type the classifier proposed; confirm an envelope held for a',
      'page naming another applicant and type its two documents; confirm an envelope held by a declared count and type its',
      'page; reject an unreadable file; find the applicant of a message without a number by name and type its attachment.',
      "It then reads the station's own activity view.",
      '',
      '| operator | tasks closed | median seconds per task (open → decision) |',
      '| --- | ---: | ---: |',
      `| scripted (Claire Opératrice) | 7 | ${median} |`,
      '',
    ].join('\n'),
  );
}

if (hasChromium()) revue.run();
else console.log(`SKIPPED /revue browser test: ${chromiumPath} is absent (install Debian's chromium package; CI does)`);
