import type { Database } from '../../storage/database.ts';
import { hashLocalFile } from '../lots/hash-local-file.ts';
import { lotReport } from '../lots/lot-report.ts';
import { receiveLot, type FichierRecu } from '../lots/receive-lot.ts';
import { relaunchLot } from '../lots/relaunch-lot.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { verifyJournal } from '../pieces/journal.ts';
import { addGuichetMessagerie, type AjoutGuichetInput, listGuichetsMessagerie, removeGuichetMessagerie } from '../messagerie/guichets-messagerie.ts';
import { purge } from '../retention/purge.ts';
import { createToken, type CreateTokenInput } from '../acteurs/create-token.ts';
import { AppError } from '../app-error.ts';
import { importDemandes } from '../demandes/import-demandes.ts';
import { parseDemandesCsv } from '../demandes/parse-demandes-csv.ts';
import { recordPageTotal } from '../lot-state/record-page-total.ts';
import { today } from '../today.ts';

export type DemandesImportInput = { contenu: string; format: 'csv' | 'json' };

/** A file named on the command line; an unreadable one is the caller's mistake, said plainly. */
async function localFile(chemin: string): Promise<FichierRecu> {
  return hashLocalFile(chemin).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('requete_invalide', `impossible de lire ${chemin} : ${error.code ?? String(error)}`);
  });
}

/** Rows of a registry file: a CSV, or a JSON array of demandes. */
export function demandesRows(input: DemandesImportInput) {
  if (input.format === 'csv') return parseDemandesCsv(input.contenu);
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.contenu);
  } catch (error) {
    throw new AppError('requete_invalide', `JSON illisible : ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new AppError('requete_invalide', 'un tableau JSON de demandes est attendu');
  return parsed.map((valeurs, index) => ({ ligne: index + 1, valeurs }));
}

/**
 * The administration commands, runnable in the CLI's own process or handed to the running
 * server over its control socket (the embedded database admits one process only).
 */
export const commands = {
  'token create': (deps: CommandDeps, input: CreateTokenInput) => createToken({ db: deps.db, input }),
  'demandes import': (deps: CommandDeps, input: DemandesImportInput) => importDemandes({ db: deps.db, input: demandesRows(input), today: today() }),
  'guichets add': (deps: CommandDeps, input: AjoutGuichetInput) => addGuichetMessagerie(deps.db, input),
  'guichets list': (deps: CommandDeps) => listGuichetsMessagerie(deps.db),
  'guichets remove': (deps: CommandDeps, input: { code: string }) => removeGuichetMessagerie(deps.db, input),
  'journal verify': (deps: CommandDeps, input: { numeroUnique?: string }) => verifyJournal(deps.db, input.numeroUnique),
  'lot ingest': async (deps: CommandDeps, input: { chemins: string[]; plisDeclares?: number }) => {
    const { lot, existant } = await receiveLot(deps, {
      fichiers: await Promise.all(input.chemins.map(localFile)),
      acteur: null,
      plisDeclares: input.plisDeclares,
    });
    if (!existant) {
      // before a worker takes it: progress and the station read n/N from the start
      await recordPageTotal(deps.db, lot.id, input.chemins);
      deps.onLotReceived?.();
    }
    return { id: lot.id, statut: lot.statut, existant };
  },
  'lot etat': (deps: CommandDeps, input: { id: string }) => lotReport(deps.db, input.id),
  'lot relance': async (deps: CommandDeps, input: { id: string; note?: string }) => {
    const lot = await relaunchLot(deps.db, { id: input.id, acteur: null, note: input.note });
    deps.onLotReceived?.();
    return { id: lot.id, statut: lot.statut };
  },
  purge: (deps: CommandDeps, input: { dryRun?: boolean; quarantaineJours?: number }) =>
    purge(deps, { now: new Date(), dryRun: input.dryRun ?? false, quarantaineJours: input.quarantaineJours ?? 30 }),
};

/** What the commands run against: the database, and the object store for those that touch objects. */
export type CommandDeps = { db: Database; objects: ObjectStore; onLotReceived?: () => void };

export type CommandName = keyof typeof commands;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

export async function runCommand(name: CommandName, deps: CommandDeps, input: unknown): Promise<unknown> {
  const command = commands[name] as (deps: CommandDeps, input: unknown) => Promise<unknown>;
  return command(deps, input);
}
