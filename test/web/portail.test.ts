import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumPath, hasChromium, launchChromium } from '../support/chromium.ts';
import { backendNames, tempDir, uniqueName } from '../support/backends.ts';
import { textPageJpeg } from '../support/documents.ts';
import { runCli, startServer, type ServerProcess } from '../support/server-process.ts';

const NU = '057 1215 073903 10691';
const NU_COMPACT = '057121507390310691';

type Context = { dataDir: string; server: ServerProcess; browser: Browser; tokens: { guichet: string; gestionnaire: string; consultant: string } };

const portail = suite<Context>(`/portail in Chromium against the real server process (${backendNames.database}, ${backendNames.s3})`);

async function createToken(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const created = await runCli(['token', 'create', ...args], env);
  assert.is(created.status, 0, created.stderr);
  return created.lastLine;
}

async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.textContent(selector)) ?? '';
}

async function signIn(page: Page, baseUrl: string, token: string) {
  await page.goto(`${baseUrl}/portail`);
  await page.fill('#jeton', token);
  await Promise.all([page.waitForURL(`${baseUrl}/portail`), page.click('button:has-text("Se connecter")')]);
}

async function openDossier(page: Page, nu: string) {
  await page.fill('#nu', nu);
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Ouvrir le dossier")')]);
}

portail.before(async (context) => {
  context.dataDir = await tempDir('du-portail-');
  const env = { DATA_DIR: context.dataDir, S3_BUCKET_PREFIX: uniqueName('w') };
  context.server = await startServer(env);
  context.tokens = {
    guichet: await createToken(env, ['--role', 'guichet', '--guichet', '10691', '--name', 'Guichet de Metz']),
    gestionnaire: await createToken(env, ['--role', 'gestionnaire', '--name', 'Gestion 57']),
    consultant: await createToken(env, ['--role', 'consultant_simple', '--name', 'Bailleur']),
  };
  const csv = path.join(context.dataDir, 'demandes.csv');
  await fs.writeFile(
    csv,
    [
      'numeroUnique,etat,nom,prenom,dateNaissance,email,guichet,dateDepot,dateRadiation',
      `${NU},active,Lefèvre,Élodie,1988-03-14,elodie.lefevre@example.fr,10691,2015-12-03,`,
      '974 0624 000123 DGALN,radiee,Payet <i>dit Ti-Jean</i>,Jean-Marc,1979-11-02,,DGALN,2024-06-12,2025-01-15',
    ].join('\n'),
  );
  const imported = await runCli(['demandes', 'import', csv], env);
  assert.is(imported.status, 0, imported.stderr);
  assert.is(JSON.parse(imported.lastLine).acceptees, 2);
  context.browser = await launchChromium();
});

portail.after(async (context) => {
  await context.browser?.close();
  await context.server?.stop();
  if (context.dataDir) await fs.rm(context.dataDir, { recursive: true, force: true });
});

portail(
  'a guichet signs in, opens a dossier, uploads a scan with its type, sees it listed, downloads its PDF, signs out',
  async ({ server, browser, tokens, dataDir }) => {
    const { baseUrl } = server;
    const browserContext = await browser.newContext({ acceptDownloads: true, locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    try {
      const page = await browserContext.newPage();
      await signIn(page, baseUrl, tokens.guichet);
      assert.match(await textOf(page, 'header'), 'Guichet de Metz');
      const [cookie] = await browserContext.cookies();
      assert.is(cookie?.value, tokens.guichet);
      assert.is(cookie?.httpOnly, true);
      assert.is(cookie?.sameSite, 'Strict');
      assert.is(cookie?.path, '/portail');

      await openDossier(page, NU);
      assert.is(page.url(), `${baseUrl}/portail/dossiers/${NU_COMPACT}`);
      assert.match(await textOf(page, 'h1'), NU);
      assert.match(await textOf(page, 'main'), 'Élodie LEFÈVRE');
      assert.match(await textOf(page, 'main'), 'Aucune pièce');

      const scan = path.join(dataDir, 'avis-imposition.jpg');
      await fs.writeFile(scan, await textPageJpeg(["AVIS D'IMPOSITION 2026", "sur les revenus de l'année 2025", 'Revenu fiscal de référence : 18 240 €']));
      await page.setInputFiles('#file', scan);
      await page.selectOption('#type', 'AVI');
      const uploaded = page.waitForResponse((r) => r.url().endsWith(`/portail/dossiers/${NU_COMPACT}/pieces`));
      await Promise.all([page.waitForURL(/\?depose=/), page.click('button:has-text("Déposer")')]);
      assert.is((await uploaded).status(), 303);
      assert.match(await textOf(page, '[role=status]'), 'Pièce déposée');

      const row = page.locator('tr[data-piece]');
      assert.is(await row.count(), 1);
      const rowText = (await row.textContent()) ?? '';
      assert.match(rowText, "Avis d'imposition");
      assert.match(rowText, 'RFR/AVI');
      assert.match(rowText, 'portail');
      assert.match((await page.locator('h3', { hasText: 'Revenu fiscal' }).textContent()) ?? '', 'RFR');

      if (process.env.PORTAIL_SCREENSHOT) await page.screenshot({ path: process.env.PORTAIL_SCREENSHOT, fullPage: true });

      const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a:has-text("Télécharger")').click()]);
      const pdf = await fs.readFile((await download.path())!);
      assert.is(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(download.suggestedFilename(), /^AVI-[0-9a-f-]{36}\.pdf$/);

      // the same bytes again: the existing piece, not a second one
      await page.setInputFiles('#file', scan);
      await Promise.all([page.waitForURL(/\?existante=/), page.click('button:has-text("Déposer")')]);
      assert.match(await textOf(page, '[role=status]'), 'Déjà déposée');
      assert.is(await page.locator('tr[data-piece]').count(), 1);

      await Promise.all([page.waitForURL(`${baseUrl}/portail`), page.click('button:has-text("Se déconnecter")')]);
      assert.is((await browserContext.cookies()).length, 0);
      assert.ok(await page.isVisible('#jeton'));
      const after = await page.goto(`${baseUrl}/portail/dossiers/${NU_COMPACT}`);
      assert.is(after?.status(), 401);
      assert.ok(await page.isVisible('#jeton'));
    } finally {
      await browserContext.close();
    }
  },
);

portail('mistakes and refusals are readable French messages', async ({ server, browser, tokens, dataDir }) => {
  const { baseUrl } = server;
  const browserContext = await browser.newContext({ locale: 'fr-FR' });
  try {
    const page = await browserContext.newPage();
    await page.goto(`${baseUrl}/portail`);
    await page.fill('#jeton', 'du_pas-un-vrai-jeton');
    await page.click('button:has-text("Se connecter")');
    assert.match(await textOf(page, '[role=alert]'), 'inconnu ou a été révoqué');
    await page.fill('#jeton', tokens.consultant);
    await page.click('button:has-text("Se connecter")');
    assert.match(await textOf(page, '[role=alert]'), "n'ouvre pas le portail");
    assert.is((await browserContext.cookies()).length, 0);

    await signIn(page, baseUrl, tokens.guichet);
    await openDossier(page, '057 1315 073903 10691');
    assert.match(await textOf(page, '[role=alert]'), 'Numéro unique « 057 1315 073903 10691 » invalide');
    assert.is(await page.inputValue('#nu'), '057 1315 073903 10691');
    await openDossier(page, '057 1215 073903 10692');
    assert.match(await textOf(page, '[role=alert]'), 'Aucune demande 057 1215 073903 10692 au registre');

    // a file the page engine cannot read is refused with the API's reason, nothing is filed
    await openDossier(page, NU);
    const notes = path.join(dataDir, 'notes.txt');
    await fs.writeFile(notes, "ceci n'est pas une pièce justificative\n");
    await page.setInputFiles('#file', notes);
    const refused = page.waitForResponse((r) => r.url().endsWith(`/portail/dossiers/${NU_COMPACT}/pieces`));
    await page.click('button:has-text("Déposer")');
    assert.ok((await refused).status() >= 400 && (await refused).status() < 500);
    assert.ok((await textOf(page, '[role=alert]')).length > 20);
    assert.match(await textOf(page, 'h1'), NU);

    // a radiée demande: readable, no upload form
    await openDossier(page, '974 0624 000123 DGALN');
    assert.match(await textOf(page, 'main'), 'radiée');
    assert.match(await textOf(page, 'main'), 'PAYET <I>DIT TI-JEAN</I>', 'markup in data is shown as text');
    assert.is(await page.locator('main i').count(), 0);
    assert.not.ok(await page.isVisible('#file'));
  } finally {
    await browserContext.close();
  }
});

portail('a gestionnaire reads dossiers but has no upload form; nothing is served without the cookie', async ({ server, browser, tokens }) => {
  const { baseUrl } = server;
  const browserContext = await browser.newContext({ locale: 'fr-FR' });
  try {
    const page = await browserContext.newPage();
    await signIn(page, baseUrl, tokens.gestionnaire);
    await openDossier(page, NU_COMPACT);
    assert.match(await textOf(page, 'h1'), NU);
    assert.not.ok(await page.isVisible('#file'));
    assert.match(await textOf(page, 'main'), 'réservé aux guichets');
  } finally {
    await browserContext.close();
  }
  const anonymous = await fetch(`${baseUrl}/portail/dossiers/${NU_COMPACT}`);
  assert.is(anonymous.status, 401);
  assert.match(anonymous.headers.get('content-security-policy') ?? '', "default-src 'none'");
  const forged = await fetch(`${baseUrl}/portail/connexion`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://ailleurs.example' },
    body: `jeton=${tokens.guichet}`,
  });
  assert.is(forged.status, 400, 'a form posted from another site is refused');
  assert.is(forged.headers.get('set-cookie'), null);
  // the API keeps answering problem+json with its bearer check
  const api = await fetch(`${baseUrl}/v1/dossiers/${NU_COMPACT}/pieces`, { headers: { cookie: `portail_jeton=${tokens.guichet}` } });
  assert.is(api.status, 401);
  assert.match(api.headers.get('content-type') ?? '', 'application/problem+json');
});

if (hasChromium()) portail.run();
else console.log(`SKIPPED /portail browser test: ${chromiumPath} is absent (install Debian's chromium package; CI does)`);
