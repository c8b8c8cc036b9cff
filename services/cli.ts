import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, asAppError } from './app-error.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { runCommand, type CommandName } from './control/commands.ts';
import { sendCommandIfServerRuns } from './control/control-socket.ts';
import { eq } from 'drizzle-orm';
import { lots } from '../storage/schema/index.ts';
import { buildDeps, createLogger, openStorage, processDeps } from './deps.ts';
import { claimLot, processClaimedLot, workerId } from './lots/lot-worker.ts';
import { lotReport, type LotReport } from './lots/lot-report.ts';
import type { verifyJournal } from './pieces/journal.ts';
import type { PurgeReport } from './retention/purge.ts';
import { serve } from './serve.ts';

const usage = `usage : npm run -s cli -- <commande>
  serve                                          l'API et les workers (base et S3 embarqués par défaut)
  token create --role R [--guichet CODE] [--name TEXTE]   crée un jeton d'accès et l'affiche
  demandes import FICHIER                        importe des demandes (CSV ou JSON)
  guichets add CODE ADRESSE...                   autorise un guichet à envoyer des pièces par courriel ; affiche son mot de passe SMTP
  guichets list                                  les guichets autorisés et leurs adresses
  guichets remove CODE                           retire ce droit à un guichet
  ingest FICHIER... [--plis N]                   un lot numérisé, suivi page à page, puis son résultat en JSON
  relance LOT_ID [--note TEXTE]                  remet un lot en echec dans la file des lots, repris depuis ses pages lues
  purge [--dry-run] [--quarantaine-jours N]      rétention : demandes radiées depuis plus d'un an, quarantaine expirée
  journal verify [--numero-unique NU]            vérifie la chaîne de hachage du journal`;

/** Runs a command in the server on this DATA_DIR if one runs, else here on the database directly. */
async function execute(config: Config, name: CommandName, input: unknown): Promise<unknown> {
  const reply = await sendCommandIfServerRuns(config.dataDir, name, input);
  if (reply) {
    if (!reply.ok) throw new AppError(reply.code as AppError['code'], reply.message);
    return reply.result;
  }
  const storage = await openStorage(config);
  try {
    return await runCommand(name, storage, input);
  } finally {
    await storage.close();
  }
}

async function tokenCreate(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { role: { type: 'string' }, guichet: { type: 'string' }, name: { type: 'string' } } });
  const result = (await execute(config, 'token create', { role: values.role, guichet: values.guichet, nom: values.name })) as {
    token: string;
    acteur: { id: string; nom: string; role: string; guichet: string | null };
  };
  const { acteur } = result;
  console.error(
    `jeton créé pour « ${acteur.nom} » (rôle ${acteur.role}${acteur.guichet ? `, guichet ${acteur.guichet}` : ''}, acteur ${acteur.id}) ; conservez-le, il ne sera plus affiché`,
  );
  console.log(result.token);
}

async function guichets(config: Config, sub: string | undefined, args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (sub === 'add') {
    const [code, ...adresses] = positionals;
    if (!code || adresses.length === 0) throw new AppError('requete_invalide', 'guichets add CODE ADRESSE... : un code guichet et au moins une adresse');
    const result = (await execute(config, 'guichets add', { code, adresses })) as { code: string; adresses: string[]; motDePasse: string };
    console.error(
      `guichet ${result.code} autorisé à envoyer depuis ${result.adresses.join(', ')} ; utilisateur SMTP : ${result.code} ; mot de passe ci-dessous, conservez-le, il ne sera plus affiché`,
    );
    console.log(result.motDePasse);
  } else if (sub === 'list') {
    const rows = (await execute(config, 'guichets list', {})) as { code: string; adresses: string[] }[];
    for (const row of rows) console.error(`${row.code}  ${row.adresses.join(', ')}`);
    console.log(JSON.stringify(rows));
  } else if (sub === 'remove') {
    if (!positionals[0]) throw new AppError('requete_invalide', 'guichets remove CODE : code guichet manquant');
    console.log(JSON.stringify(await execute(config, 'guichets remove', { code: positionals[0] })));
  } else {
    throw new AppError('requete_invalide', 'guichets add CODE ADRESSE... | guichets list | guichets remove CODE');
  }
}

async function demandesImport(config: Config, args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new AppError('requete_invalide', 'fichier à importer manquant : demandes import FICHIER');
  const contenu = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new AppError('requete_invalide', `impossible de lire ${file} : ${error.code ?? error.message}`);
  });
  const format = path.extname(file).toLowerCase() === '.json' || contenu.trimStart().startsWith('[') ? 'json' : 'csv';
  const result = (await execute(config, 'demandes import', { contenu, format })) as {
    recues: number;
    acceptees: number;
    rejetees: number;
    creees: number;
    modifiees: number;
    inchangees: number;
    erreurs: { ligne: number; motif: string }[];
  };
  console.error(
    `${result.recues} lignes lues : ${result.acceptees} acceptées (${result.creees} créées, ${result.modifiees} modifiées, ${result.inchangees} inchangées), ${result.rejetees} rejetées`,
  );
  for (const erreur of result.erreurs) console.error(`  ligne ${erreur.ligne} : ${erreur.motif}`);
  console.log(JSON.stringify(result));
}

/** `relance LOT_ID [--note TEXT]`: a lot set aside back in the workers' queue. */
async function relance(config: Config, args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { note: { type: 'string' } } });
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new AppError('requete_invalide', 'relance LOT_ID [--note TEXTE] : un identifiant de lot');
  const result = (await execute(config, 'lot relance', { id, note: values.note })) as { id: string; statut: string };
  console.error(`lot ${result.id} relancé : ${result.statut}, un travailleur le reprendra depuis ses pages déjà lues`);
  console.log(JSON.stringify(result));
}

async function purgeCommand(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' }, 'quarantaine-jours': { type: 'string' } } });
  const report = (await execute(config, 'purge', {
    dryRun: values['dry-run'] ?? false,
    quarantaineJours: values['quarantaine-jours'] ? Number(values['quarantaine-jours']) : undefined,
  })) as PurgeReport;
  const verb = report.dryRun ? 'seraient effacées' : 'effacées';
  console.error(`${report.piecesQuarantaineExpirees.length} pièce(s) en quarantaine expirée ${verb}`);
  console.error(`${report.demandesEffacees.length} demande(s) radiée(s) depuis plus d'un an ${verb}, avec leurs pièces et leur journal`);
  for (const d of report.demandesEffacees) console.error(`  ${d.numeroUnique} (radiée le ${d.dateRadiation}, ${d.pieces} pièce(s))`);
  if (!report.dryRun) console.error(`${report.objetsSupprimes} objet(s) supprimé(s) du stockage`);
  console.error(
    `${report.originauxSupprimes} original(aux) et image(s) de page de lots entièrement classés ${verb === 'effacées' ? 'supprimé(s)' : 'à supprimer'}`,
  );
  console.error(
    `${report.orphelinsSupprimes} objet(s) orphelin(s) (sans ligne en base depuis plus d'une heure) ${verb === 'effacées' ? 'supprimé(s)' : 'à supprimer'}`,
  );
  console.log(JSON.stringify(report));
}

async function journalVerify(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { 'numero-unique': { type: 'string' } } });
  const result = (await execute(config, 'journal verify', { numeroUnique: values['numero-unique'] })) as Awaited<ReturnType<typeof verifyJournal>>;
  console.error(
    `${result.evenements} événement(s) dans ${result.dossiers} dossier(s) : ${result.ruptures.length === 0 ? 'chaînes intactes' : `${result.ruptures.length} chaîne(s) rompue(s)`}`,
  );
  for (const r of result.ruptures) console.error(`  ${r.numeroUnique}, événement ${r.id} : ${r.raison}`);
  console.log(JSON.stringify(result));
  return result.ruptures.length === 0 ? 0 : 1;
}

function progressLine(done: number, total: number | null, started: number): string {
  const minutes = (Date.now() - started) / 60_000;
  const rate = minutes > 0 ? done / minutes : 0;
  const eta = total && rate > 0 && done > 0 ? Math.max(0, (total - done) / rate) : null;
  const width = 30;
  const filled = total ? Math.round((Math.min(done, total) / total) * width) : 0;
  const bar = total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
  return `${bar}${done}/${total ?? '?'} pages, ${rate.toFixed(1)} pages/min${eta !== null && done < total! ? `, reste ~${etaText(eta)}` : ''}`;
}

/** Minutes left, as an operator reads them: seconds under a minute, whole minutes beyond. */
function etaText(minutes: number): string {
  if (minutes < 1) return `${Math.max(1, Math.round(minutes * 60))} s`;
  return `${Math.round(minutes)} min`;
}

/** `ingest FILE... [--plis N]`: a scan lot from files, followed page by page, then its result. */
async function ingest(config: Config, args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { plis: { type: 'string' } } });
  if (positionals.length === 0) throw new AppError('requete_invalide', 'ingest FICHIER... [--plis N] : au moins un fichier');
  const plisDeclares = values.plis ? Number(values.plis) : undefined;
  const input = { chemins: positionals.map((p) => path.resolve(p)), plisDeclares };
  const started = Date.now();
  const show = (line: string) => process.stderr.write(process.stderr.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  let report: LotReport;
  const viaServer = await sendCommandIfServerRuns(config.dataDir, 'lot ingest', input);
  if (viaServer) {
    if (!viaServer.ok) throw new AppError(viaServer.code as AppError['code'], viaServer.message);
    const { id } = viaServer.result as { id: string };
    console.error(`lot ${id} confié au serveur en cours`);
    let last = '';
    for (;;) {
      const reply = await sendCommandIfServerRuns(config.dataDir, 'lot etat', { id });
      if (!reply?.ok) throw new AppError('service_indisponible', 'le serveur ne répond plus ; le lot reprendra à son redémarrage');
      report = reply.result as LotReport;
      const line = progressLine(report.pagesTraitees, report.pages, started);
      // on a terminal the line is redrawn in place; in a log, a line per page read
      const key = process.stderr.isTTY ? line : `${report.pagesTraitees}/${report.pages}`;
      if (key !== last) show(line);
      last = key;
      if (['termine', 'a_revoir', 'echec'].includes(report.statut)) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } else {
    const deps = await buildDeps(config, createLogger({ logLevel: 'warn' }));
    try {
      const { id } = (await runCommand('lot ingest', deps, input)) as { id: string };
      // leased in this process's name like a server's worker: one attempt, counted, renewed per page
      const lease = { lotId: id, travailleur: workerId(), leaseSeconds: config.lotLeaseSeconds };
      const lot = await claimLot(deps.db, { ...lease, maxAttempts: config.lotMaxAttempts });
      if (lot) {
        await processClaimedLot(deps.db, processDeps(deps), lot, lease, {
          maxAttempts: config.lotMaxAttempts,
          logger: deps.logger,
          onProgress: (done, total) => show(progressLine(done, total, started)),
        });
      } else {
        const [row] = await deps.db.select().from(lots).where(eq(lots.id, id));
        if (row?.statut === 'en_cours')
          console.error(`lot ${id} tenu par ${row.travailleur ?? '?'} jusqu'à ${row.bailJusqua?.toISOString() ?? '?'} : il reprendra ensuite`);
      }
      report = await lotReport(deps.db, id);
    } finally {
      await deps.close();
    }
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const filed = report.plis.reduce((n, p) => n + p.pieces.length, 0);
  console.error(
    `lot ${report.id} : ${report.statut}, ${report.pages} pages, ${report.plis.length} pli(s) rattaché(s), ${filed} pièce(s) classée(s), ${report.pagesBlanches.length} page(s) blanche(s), ${report.revue.length} tâche(s) de revue (${Math.round((Date.now() - started) / 1000)} s)`,
  );
  console.log(JSON.stringify(report));
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  const config = loadConfig();
  if (command === 'serve') {
    const server = await serve(config);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void server.stop().then(() => process.exit(0)));
    }
    return -1; // keep running
  }
  if (command === 'token' && sub === 'create') await tokenCreate(config, rest);
  else if (command === 'demandes' && sub === 'import') await demandesImport(config, rest);
  else if (command === 'guichets') await guichets(config, sub, rest);
  else if (command === 'ingest') await ingest(config, sub ? [sub, ...rest] : rest);
  else if (command === 'relance') await relance(config, sub ? [sub, ...rest] : rest);
  else if (command === 'purge') await purgeCommand(config, sub ? [sub, ...rest] : rest);
  else if (command === 'journal' && sub === 'verify') return journalVerify(config, rest);
  else {
    console.error(usage);
    return command ? 2 : 0;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    const refus = asAppError(error);
    if (error instanceof ConfigError) console.error(error.message);
    else if (refus) console.error(`erreur (${refus.code}) : ${refus.message}`);
    else console.error(error);
    process.exit(refus || error instanceof ConfigError ? 2 : 1);
  },
);
