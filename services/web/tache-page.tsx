/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// (pragmas: see portail.tsx)
import type { Acteur } from '../../storage/schema/index.ts';
import { dateText } from './format.ts';
import { motifLabels, RevueLayout, type TacheListee } from './revue-pages.tsx';

/** A task as GET /v1/revue/:id gives it. */
export type TacheDetaillee = TacheListee & {
  statut: string;
  suggestions: Record<string, unknown> | null;
  images: string[];
  zonesNumero: { page: number; lectures: string[]; image: string }[];
  pagesBlanches: { page: number; image: string }[];
  proposition: {
    numeroUnique: string | null;
    couverture: number[];
    documents: { pages: number[]; categorie: string | null; type: string | null; confiance: number | null }[];
  };
};

type Candidat = { numeroUnique: string; nom: string; prenom?: string | null; etat: string; distance?: number };

/** The station's API calls go through its relay, which adds the session's token: the page's links to page images do too. */
export const relay = (path: string) => `/revue/api${path}`;

/** Data for the script, in a JSON block: `<` escaped so that no text in it can close the element. */
function donnees(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const touches: [string, string][] = [
  ['← →', 'page précédente / suivante'],
  ['+ −', 'zoom'],
  ['n', 'numéro unique'],
  ['s', 'coupure avant la page'],
  ['t', 'type du document'],
  ['r', 'tourner la page'],
  ['b', 'page blanche / la reprendre'],
  ['c', 'page de couverture'],
  ['x', 'rejeter'],
  ['Entrée', 'valider et tâche suivante'],
  ['Échap', 'quitter le champ, puis la tâche'],
];

/**
 * One task at the station: the pages (thumbnails and one large page, drawn by the script from the
 * data block), the service's evidence (the number zone and its readings, the registry's candidates,
 * the proposed documents and their confidence) and the decision, every action on a key.
 */
export function TachePage(props: { acteur: Acteur; tache: TacheDetaillee; tenuePar: string | null; tenueJusqua: string | null }) {
  const { tache } = props;
  const s = tache.suggestions ?? {};
  const candidats = (Array.isArray(s.demandes) ? s.demandes : []) as Candidat[];
  const types = (Array.isArray(s.types) ? s.types : []) as { categorie: string; type: string; score?: number }[];
  const alertes = (Array.isArray(s.alertes) ? s.alertes : []) as { motif: string; page?: number; numeroUnique?: string }[];
  const lectureSeule = props.tenuePar !== null;
  return (
    <RevueLayout titre={`${motifLabels[tache.motif] ?? tache.motif}`} acteur={props.acteur} onglet="file" script>
      {lectureSeule && (
        <div class="tenue-bandeau" role="alert" id="tenue">
          <strong>Tâche tenue par {props.tenuePar}</strong> jusqu'à{' '}
          {props.tenueJusqua ? new Date(props.tenueJusqua).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }) : '?'}{' '}
          : vous la voyez sans pouvoir la décider.
        </div>
      )}
      <script type="application/json" id="donnees" dangerouslySetInnerHTML={{ __html: donnees({ tache, lectureSeule }) }} />
      <div class="tache" data-vue="tache" data-tache={tache.id} data-motif={tache.motif}>
        <nav class="vignettes" id="vignettes" aria-label="Pages de la tâche" />
        <div class="centre">
          <div class="grande" id="grande">
            <div class="legende" id="legende" />
            <img id="page" alt="page courante" />
          </div>
          {/* the keys stay in sight under the page, whatever the panel's length */}
          <div class="touches barre-touches" id="touches">
            {touches.map(([k, what]) => (
              <span>
                <kbd>{k}</kbd> {what}
              </span>
            ))}
          </div>
        </div>
        <div class="panneau">
          <section>
            <h1 style="font-size:1.05rem">
              {motifLabels[tache.motif] ?? tache.motif}{' '}
              <span class={`pastille ${tache.urgence === 'normale' ? '' : 'tenue'}`}>
                échéance {dateText(tache.echeance)}
                {tache.urgence === 'depassee' ? ' dépassée' : ''}
              </span>
            </h1>
            <div class="code">
              {tache.lot?.reference ?? tache.lot?.id.slice(0, 8) ?? 'sans lot'} · {tache.pages.length} page(s)
              {tache.detail ? ` · ${tache.detail}` : ''}
            </div>
            <div class="erreur-champ" id="erreur-generale" role="alert" />
          </section>
          {tache.zonesNumero.length > 0 && (
            <section class="zone">
              <h2>Zone du numéro</h2>
              {tache.zonesNumero.map((z) => (
                <div>
                  <img src={relay(z.image)} alt={`zone du numéro, page ${z.page + 1}`} />
                  <div class="lectures">lu : {z.lectures.length > 0 ? z.lectures.join(' · ') : <span class="vide">rien de lisible</span>}</div>
                </div>
              ))}
            </section>
          )}
          {(types.length > 0 || alertes.length > 0) && (
            <section id="indices">
              {types.length > 0 && (
                <>
                  <h2>Types proposés par le classement</h2>
                  <table>
                    <tbody>
                      {types.map((t) => (
                        <tr>
                          <td class="code">
                            {t.categorie}/{t.type}
                          </td>
                          <td class="nombre">{t.score === undefined ? '' : `score ${t.score.toFixed(2)}`}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
              {alertes.length > 0 && (
                <>
                  <h2>Pourquoi le pli est retenu</h2>
                  <ul>
                    {alertes.map((a) => (
                      <li>
                        {a.motif.replaceAll('_', ' ')}
                        {a.page === undefined ? '' : `, page ${a.page + 1}`}
                        {a.numeroUnique ? ` (${a.numeroUnique})` : ''}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          )}
          <section>
            <h2>
              <label for="nu" style="display:inline;font-size:inherit">
                Numéro unique
              </label>{' '}
              <kbd>n</kbd>
            </h2>
            <input
              type="text"
              id="nu"
              autocomplete="off"
              spellcheck={false}
              placeholder="057 1215 073903 10691 ou un nom"
              value={tache.proposition.numeroUnique ?? ''}
              disabled={lectureSeule}
            />
            <ul class="suggestions" id="nu-suggestions" />
            <div class="confirme" id="nu-confirme" />
            <div class="erreur-champ" id="erreur-nu" role="alert" />
            {candidats.length > 0 && (
              <>
                <h2 style="margin-top:.5rem">Candidats du registre</h2>
                <table id="candidats">
                  <tbody>
                    {candidats.map((c) => (
                      <tr>
                        <td class="code">{c.numeroUnique}</td>
                        <td>
                          {c.nom} {c.prenom ?? ''}
                        </td>
                        <td>
                          <span class={`pastille ${c.etat}`}>{c.etat}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
          <section>
            <h2>
              Documents <kbd>s</kbd> <kbd>t</kbd>
            </h2>
            <div id="documents" />
            <label for="type" style="margin-top:.3rem">
              Type du document courant <kbd>t</kbd>
            </label>
            <input type="text" id="type" autocomplete="off" spellcheck={false} placeholder="cherchez : avis, quittance, CNI…" disabled={lectureSeule} />
            <ul class="suggestions" id="type-suggestions" />
            <div class="erreur-champ" id="erreur-documents" role="alert" />
          </section>
          <section>
            <h2>
              <label for="rejet" style="display:inline;font-size:inherit">
                Rejet motivé
              </label>{' '}
              <kbd>x</kbd>
            </h2>
            <input type="text" id="rejet" autocomplete="off" placeholder="motif, puis Entrée" disabled={lectureSeule} />
            <div class="erreur-champ" id="erreur-rejet" role="alert" />
          </section>
        </div>
      </div>
    </RevueLayout>
  );
}
