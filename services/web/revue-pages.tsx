/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// (pragmas: see portail.tsx)
import type { Child } from 'hono/jsx';
import type { Acteur, MotifRevue } from '../../storage/schema/index.ts';
import type { AvancementLot } from '../revue/lots-progress.ts';
import { dateText, instantText } from './format.ts';
import { Connexion, Message, type Flash } from './portail-pages.tsx';
import { stationScriptPath } from './revue-script.ts';
import { revueStyles } from './revue-styles.ts';

/** The review reasons as an operator reads them: every reason has its label. */
export const motifLabels: Record<string, string | undefined> = {
  plis_declares_different: 'Nombre de plis déclaré différent',
  avant_premiere_couverture: 'Pages avant la première couverture',
  couverture_non_rattachee: 'Couverture non rattachée',
  pli_a_verifier: 'Pli à vérifier',
  type_incertain: 'Type incertain',
  fichier_illisible: 'Fichier illisible',
  format_non_supporte: 'Format non pris en charge',
  fichier_chiffre: 'Fichier chiffré',
  fichier_vide: 'Fichier vide',
  aucune_page: 'Aucune page',
  trop_de_pages: 'Trop de pages',
  dimensions_excessives: 'Dimensions excessives',
  introuvable: 'Original introuvable',
  integrite_compromise: 'Intégrité compromise',
  taille_depassee: 'Taille dépassée',
  type_inconnu: 'Type inconnu',
  limite_categorie_atteinte: 'Limite de la catégorie atteinte',
  numero_absent: 'Message sans numéro unique',
  numeros_multiples: 'Message à plusieurs numéros',
  demande_inconnue: 'Message pour une demande inconnue',
  demande_radiee: 'Message pour une demande radiée',
  trop_de_pieces_jointes: 'Trop de pièces jointes',
  message_illisible: 'Message illisible',
  lot_en_echec: 'Lot en échec',
} satisfies Record<MotifRevue, string>;

const canalLabels: Record<string, string> = { courrier: 'courrier', mel: 'messagerie', portail: 'portail', pgp: 'services aux demandeurs' };

/** A task of the queue as GET /v1/revue lists it. */
export type TacheListee = {
  id: string;
  motif: string;
  detail: string | null;
  pages: number[];
  creeLe: string;
  lot: { id: string; reference: string | null; canal: string; recuLe: string } | null;
  echeance: string;
  urgence: 'depassee' | 'proche' | 'normale';
  tenue: { par: string; acteurId: string; jusqua: string } | null;
};
export type Compteurs = {
  total: number;
  parMotif: Record<string, number>;
  parCanal: Record<string, number>;
  lots: { id: string; reference: string | null; canal: string; taches: number }[];
};
export type Filtres = { motif?: string | undefined; lotId?: string | undefined; canal?: string | undefined };

type Onglet = 'file' | 'lots' | 'activite';

/** Every station page: the header with its three views (each with its key), who is signed in, the way out. */
export function RevueLayout(props: { titre: string; acteur?: Acteur | undefined; onglet?: Onglet; script?: boolean; rafraichir?: number; children?: Child }) {
  const lien = (onglet: Onglet, href: string, texte: string, touche: string) => (
    <a href={href} class={props.onglet === onglet ? 'actif' : ''} data-touche={touche}>
      {texte} <kbd>{touche}</kbd>
    </a>
  );
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.rafraichir ? <meta http-equiv="refresh" content={String(props.rafraichir)} /> : null}
        <title>{props.titre} — Station de revue</title>
        <style dangerouslySetInnerHTML={{ __html: revueStyles }} />
        {props.script ? <script src={stationScriptPath} defer /> : null}
      </head>
      <body>
        <header>
          <span class="titre">Dossier unique · station de revue</span>
          {props.acteur && (
            <>
              <nav>
                {lien('file', '/revue', 'File', 'f')}
                {lien('lots', '/revue/lots', 'Lots', 'l')}
                {lien('activite', '/revue/activite', 'Activité', 'a')}
              </nav>
              <span class="qui">
                {props.acteur.nom} · {props.acteur.role === 'operateur' ? 'opérateur' : 'gestionnaire'}
              </span>
              <form method="post" action="/revue/deconnexion">
                <button type="submit">Se déconnecter</button>
              </form>
            </>
          )}
        </header>
        {props.children}
      </body>
    </html>
  );
}

export function RevueConnexionPage(props: { flash?: Flash | undefined }) {
  return (
    <RevueLayout titre="Connexion">
      <main>
        <Connexion flash={props.flash} jetonDe="d'opérateur ou de gestionnaire" action="/revue/connexion" />
      </main>
    </RevueLayout>
  );
}

/** A refusal or a failure, in French, inside the station's frame so that the way back is one key away. */
export function ErreurPage(props: { acteur: Acteur; flash: Flash }) {
  return (
    <RevueLayout titre={props.flash.title} acteur={props.acteur} script>
      <main data-vue="erreur">
        <Message flash={props.flash} />
        <p>
          <a href="/revue">Retour à la file</a> <kbd>f</kbd>
        </p>
      </main>
    </RevueLayout>
  );
}

/** How long ago, in French, from minutes to days. */
export function ageText(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} j`;
}

function filtreHref(filtres: Filtres, change: Filtres): string {
  const merged = { ...filtres, ...change };
  const query = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
  return query ? `/revue?${query}` : '/revue';
}

export function FilePage(props: {
  acteur: Acteur;
  taches: TacheListee[];
  compteurs: Compteurs;
  filtres: Filtres;
  /** The next page of the queue, when there is one. */
  suivantes: string | null;
  flash?: Flash | undefined;
  now: Date;
}) {
  const { compteurs, filtres } = props;
  const operateur = props.acteur.role === 'operateur';
  return (
    <RevueLayout titre="File de revue" acteur={props.acteur} onglet="file" script>
      <main data-vue="file">
        <Message flash={props.flash} />
        <section>
          <h1>
            File de revue <span class="pastille">{compteurs.total} ouverte(s)</span>
          </h1>
          <div class="compteurs">
            <a href={filtreHref(filtres, { motif: '' })} class="pastille">
              tous motifs · {compteurs.total}
            </a>
            {Object.entries(compteurs.parMotif).map(([motif, n]) => (
              <a href={filtreHref(filtres, { motif })} class="pastille" data-motif={motif}>
                {motifLabels[motif] ?? motif} · {n}
              </a>
            ))}
          </div>
          <form method="get" action="/revue" class="filtres">
            <Filtre
              nom="motif"
              libelle="Motif"
              choisi={filtres.motif}
              options={Object.keys(motifLabels).map((m) => [m, `${motifLabels[m]}${compteurs.parMotif[m] ? ` (${compteurs.parMotif[m]})` : ''}`])}
            />
            <Filtre
              nom="lotId"
              libelle="Lot"
              choisi={filtres.lotId}
              options={compteurs.lots.map((l) => [l.id, `${l.reference ?? l.id.slice(0, 8)} (${l.taches})`])}
            />
            <Filtre
              nom="canal"
              libelle="Canal"
              choisi={filtres.canal}
              options={Object.keys(canalLabels).map((c) => [c, `${canalLabels[c]}${compteurs.parCanal[c] ? ` (${compteurs.parCanal[c]})` : ''}`])}
            />
            <div>
              <button type="submit">Filtrer</button>
            </div>
          </form>
          <p class="touches">
            <span>
              <kbd>↓</kbd>/<kbd>j</kbd> <kbd>↑</kbd>/<kbd>k</kbd> choisir
            </span>
            {operateur && (
              <span>
                <kbd>Entrée</kbd> ouvrir
              </span>
            )}
            {operateur && (
              <span>
                <kbd>n</kbd> prochaine tâche libre
              </span>
            )}
            <span>
              <kbd>/</kbd> filtres
            </span>
            <span>
              <kbd>l</kbd> lots · <kbd>a</kbd> activité
            </span>
          </p>
        </section>
        <section>
          {props.taches.length === 0 ? (
            <p class="vide" id="file-vide">
              Aucune tâche ouverte{filtres.motif || filtres.lotId || filtres.canal ? ' pour ces filtres' : ''}.
            </p>
          ) : (
            <table id="file">
              <thead>
                <tr>
                  <th style="width:8rem">Échéance</th>
                  <th>Motif</th>
                  <th>Lot</th>
                  <th class="nombre" style="width:4rem">
                    Pages
                  </th>
                  <th class="nombre" style="width:5rem">
                    Âge
                  </th>
                  <th style="width:11rem">Tenue par</th>
                </tr>
              </thead>
              <tbody>
                {props.taches.map((t, i) => (
                  <tr class={`${t.urgence}${i === 0 ? ' choisie' : ''}`} data-tache={t.id} data-href={operateur ? `/revue/taches/${t.id}` : ''}>
                    <td>
                      <span class={`echeance ${t.urgence}`}>{dateText(t.echeance)}</span>
                      {t.urgence === 'depassee' ? ' dépassée' : ''}
                    </td>
                    <td>
                      {operateur ? <a href={`/revue/taches/${t.id}`}>{motifLabels[t.motif] ?? t.motif}</a> : (motifLabels[t.motif] ?? t.motif)}
                      {t.detail ? <div class="code">{t.detail}</div> : null}
                    </td>
                    <td>
                      {t.lot ? (
                        <>
                          {t.lot.reference ?? <span class="code">{t.lot.id.slice(0, 8)}</span>}{' '}
                          <span class="code">{canalLabels[t.lot.canal] ?? t.lot.canal}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td class="nombre">{t.pages.length}</td>
                    <td class="nombre">{ageText(t.creeLe, props.now)}</td>
                    <td>{t.tenue ? <span class="pastille tenue">{t.tenue.par}</span> : <span class="vide">libre</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {props.suivantes && (
            <p>
              <a href={props.suivantes} id="suivantes">
                Tâches suivantes
              </a>{' '}
              <kbd>→</kbd> <span class="vide">(ou filtrez par motif, lot, canal)</span>
            </p>
          )}
        </section>
      </main>
    </RevueLayout>
  );
}

/** A lot's progress as `GET /v1/revue/lots` serialises it (dates as ISO strings). */
export type LotAvancement = Omit<AvancementLot, 'recuLe'> & { recuLe: string };

const statutLabels: Record<string, string> = { recu: 'reçu', en_cours: 'en cours', termine: 'terminé', a_revoir: 'à revoir', echec: 'en échec' };
const statutTacheLabels: Record<string, string> = { ouverte: 'ouverte', resolue: 'résolue', rejetee: 'rejetée' };

/** A filter of the queue: « tous », then one option per value, with its label. */
function Filtre(props: { nom: string; libelle: string; choisi: string | undefined; options: [string, string][] }) {
  return (
    <div>
      <label for={props.nom}>{props.libelle}</label>
      <select id={props.nom} name={props.nom}>
        <option value="">tous</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.choisi === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function LotsPage(props: { acteur: Acteur; lots: LotAvancement[] }) {
  const running = props.lots.some((l) => l.statut === 'recu' || l.statut === 'en_cours');
  const operateur = props.acteur.role === 'operateur';
  return (
    <RevueLayout titre="Lots" acteur={props.acteur} onglet="lots" script rafraichir={running ? 5 : undefined}>
      <main data-vue="lots">
        <section>
          <h1>Lots récents</h1>
          <p class="touches">
            <span>
              <kbd>f</kbd> file · <kbd>a</kbd> activité
            </span>
            {running && <span>la page se met à jour toutes les 5 s tant qu'un lot est lu</span>}
          </p>
          {props.lots.length === 0 ? (
            <p class="vide">Aucun lot reçu.</p>
          ) : (
            <table id="lots">
              <thead>
                <tr>
                  <th>Lot</th>
                  <th style="width:7rem">Statut</th>
                  <th style="width:13rem">Pages lues</th>
                  <th class="nombre">Classées</th>
                  <th class="nombre">Couvertures</th>
                  <th class="nombre">Blanches</th>
                  <th class="nombre">En revue</th>
                  <th class="nombre">Plis déclarés / trouvés</th>
                  <th>Tâches</th>
                </tr>
              </thead>
              <tbody>
                {props.lots.map((l) => {
                  const total = l.pages;
                  const part = total ? Math.min(100, Math.round((l.pagesLues / total) * 100)) : 0;
                  return (
                    <tr data-lot={l.id}>
                      <td>
                        {l.reference ?? <span class="code">{l.id.slice(0, 8)}</span>}
                        <div class="code">
                          {canalLabels[l.canal] ?? l.canal} · reçu {instantText(l.recuLe)}
                        </div>
                      </td>
                      <td>{statutLabels[l.statut] ?? l.statut}</td>
                      <td>
                        <span class="lues">
                          {l.pagesLues}/{total ?? '?'}
                        </span>
                        <div class="barre">
                          <span style={`width:${part}%`} />
                        </div>
                      </td>
                      <td class="nombre">{l.pagesClassees}</td>
                      <td class="nombre">{l.pagesCouverture}</td>
                      <td class="nombre">{l.pagesBlanches}</td>
                      <td class="nombre">{l.pagesEnRevue}</td>
                      <td class="nombre">
                        {l.plisDeclares ?? '—'} / {l.plisTrouves}
                      </td>
                      <td>
                        {l.taches.length === 0 ? (
                          <span class="vide">aucune</span>
                        ) : (
                          l.taches.map((t) => (
                            <div>
                              {operateur && t.statut === 'ouverte' ? (
                                <a href={`/revue/taches/${t.id}`}>{motifLabels[t.motif] ?? t.motif}</a>
                              ) : (
                                (motifLabels[t.motif] ?? t.motif)
                              )}{' '}
                              <span class="code">{statutTacheLabels[t.statut] ?? t.statut}</span>
                            </div>
                          ))
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </RevueLayout>
  );
}

export type Activite = { acteurId: string; nom: string; tachesCloses: number; secondesMedianes: number | null };

export function ActivitePage(props: { acteur: Acteur; activite: Activite[] }) {
  return (
    <RevueLayout titre="Activité" acteur={props.acteur} onglet="activite" script>
      <main data-vue="activite">
        <section>
          <h1>Activité du jour</h1>
          <p class="touches">
            <span>
              <kbd>f</kbd> file · <kbd>l</kbd> lots
            </span>
            <span>durée d'une tâche : de son ouverture par l'opérateur à sa décision</span>
          </p>
          {props.activite.length === 0 ? (
            <p class="vide">Aucune tâche close aujourd'hui.</p>
          ) : (
            <table id="activite">
              <thead>
                <tr>
                  <th>Opérateur</th>
                  <th class="nombre">Tâches closes aujourd'hui</th>
                  <th class="nombre">Secondes par tâche (médiane)</th>
                </tr>
              </thead>
              <tbody>
                {props.activite.map((a) => (
                  <tr data-acteur={a.acteurId}>
                    <td>{a.nom}</td>
                    <td class="nombre">{a.tachesCloses}</td>
                    <td class="nombre" data-mediane={a.secondesMedianes ?? ''}>
                      {a.secondesMedianes === null ? '—' : a.secondesMedianes.toLocaleString('fr-FR')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </RevueLayout>
  );
}
