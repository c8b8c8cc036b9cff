/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// (pragmas: see portail.tsx)
import { type PlanApi, planForApi } from '../../classification/plan-de-classement.ts';
import type { Acteur, Demande } from '../../storage/schema/index.ts';
import type { UploadFields } from '../pieces/upload-piece.ts';
import type { PieceBody } from '../pieces/piece-body.ts';
import { dateText, instantText, tailleText } from './format.ts';
import { type Flash, Layout, Message, RechercheForm } from './portail-pages.tsx';
import { deposants } from './portail-session.ts';

/** What the upload form had chosen, shown again with its refusal (the form names a type, never a categorie). */
export type Saisie = Omit<UploadFields, 'categorie'>;

export function dossierPath(numeroUnique: string): string {
  return `/portail/dossiers/${numeroUnique.replaceAll(' ', '')}`;
}

/** A dossier: who asked, its pieces by category, and the upload form when the actor and the demande allow one. */
export function DossierPage(props: {
  acteur: Acteur;
  demande: Demande;
  pieces: PieceBody[];
  flash?: Flash | undefined;
  saisie?: Saisie | undefined;
  maxBytes: number;
}) {
  const { acteur, demande, pieces } = props;
  const plan = planForApi();
  const actives = pieces.filter((p) => p.statut === 'active');
  const enQuarantaine = pieces.filter((p) => p.statut === 'quarantaine');
  const categories = plan.categories.filter((cat) => actives.some((p) => p.categorie === cat.code));
  const depot = deposants.includes(acteur.role) && demande.etat === 'active';
  return (
    <Layout titre={`Dossier ${demande.numeroUnique}`} acteur={acteur}>
      <Message flash={props.flash} />
      <section>
        <h1>Dossier {demande.numeroUnique}</h1>
        <p class="demandeur">
          {demande.prenom} {demande.nom.toLocaleUpperCase('fr-FR')}, né(e) le {dateText(demande.dateNaissance)} · guichet {demande.guichet}
          {demande.dateDepot ? ` · demande déposée le ${dateText(demande.dateDepot)}` : ''} ·{' '}
          <span class={`etat ${demande.etat}`}>{demande.etat === 'active' ? 'active' : `radiée le ${dateText(demande.dateRadiation)}`}</span>
        </p>
      </section>

      <section>
        <h2>
          Pièces du dossier <span class="compte">({actives.length})</span>
        </h2>
        {actives.length === 0 && <p class="vide">Aucune pièce dans ce dossier pour l'instant.</p>}
        {categories.map((cat) => (
          <div>
            <h3>
              {cat.libelle} <span class="code">{cat.code}</span>
            </h3>
            <PiecesTable pieces={actives.filter((p) => p.categorie === cat.code)} />
          </div>
        ))}
        {enQuarantaine.length > 0 && (
          <div>
            <h3>En quarantaine</h3>
            <PiecesTable pieces={enQuarantaine} quarantaine />
          </div>
        )}
      </section>

      {depot ? (
        <DepotForm demande={demande} plan={plan} maxBytes={props.maxBytes} saisie={props.saisie ?? {}} />
      ) : (
        <section>
          <p class="vide">
            {demande.etat !== 'active' ? 'Cette demande est radiée : elle ne reçoit plus de pièces.' : 'Le dépôt de pièces est réservé aux guichets.'}
          </p>
        </section>
      )}

      <section>
        <h2>Un autre dossier</h2>
        <RechercheForm />
      </section>
    </Layout>
  );
}

function PiecesTable(props: { pieces: PieceBody[]; quarantaine?: boolean }) {
  return (
    <table>
      <colgroup>
        <col style="width:30%" />
        <col style="width:9%" />
        <col style="width:6%" />
        <col style="width:7%" />
        <col style="width:13%" />
        <col style="width:12%" />
        <col style="width:8%" />
        <col style="width:15%" />
      </colgroup>
      <thead>
        <tr>
          <th>Pièce</th>
          <th>Type</th>
          <th class="nombre">Pages</th>
          <th class="nombre">Taille</th>
          <th>Déposée le</th>
          <th>Fin de validité</th>
          <th>{props.quarantaine ? 'Motif' : 'Canal'}</th>
          <th>PDF</th>
        </tr>
      </thead>
      <tbody>
        {props.pieces.map((p) => (
          <tr data-piece={p.id}>
            <td>
              {p.libelle}
              {p.sensible && (
                <span class="sensible" title="Pièce sensible : chaque consultation est inscrite au journal">
                  sensible
                </span>
              )}
            </td>
            <td class="code">
              {p.categorie}/{p.type}
            </td>
            <td class="nombre">{p.pages}</td>
            <td class="nombre">{tailleText(p.taille)}</td>
            <td>{instantText(p.creeLe)}</td>
            <td>{dateText(p.dateFinValidite)}</td>
            <td>{props.quarantaine ? (p.motifQuarantaine ?? '—') : p.canal}</td>
            <td class="actions">
              <a href={`/portail/pieces/${p.id}/contenu`} target="_blank" rel="noopener">
                Voir
              </a>
              <a href={`/portail/pieces/${p.id}/contenu?telechargement`}>Télécharger</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DepotForm(props: { demande: Demande; plan: PlanApi; maxBytes: number; saisie: Saisie }) {
  const { plan, saisie } = props;
  return (
    <section>
      <h2>Déposer une pièce</h2>
      <form method="post" action={`${dossierPath(props.demande.numeroUnique)}/pieces`} enctype="multipart/form-data">
        <div class="ligne">
          <div>
            <label for="file">
              Fichier <span class="aide">(PDF, JPEG, PNG ou TIFF ; {tailleText(props.maxBytes)} au plus ; un fichier = une pièce)</span>
            </label>
            <input type="file" id="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff" required />
          </div>
        </div>
        <div class="ligne" style="margin-top:.8rem">
          <div>
            <label for="type">Catégorie et type</label>
            <select id="type" name="type">
              <option value="">— laisser le service classer la pièce —</option>
              {plan.categories.map((cat) => (
                <optgroup label={`${cat.libelle} (${cat.code})`}>
                  {cat.types.map((t) => (
                    <option value={t.code} selected={t.code === saisie.type}>
                      {t.libelle}
                      {t.sensible ? ' · sensible' : ''}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div class="etroit">
            <label for="dateFinValidite">
              Fin de validité <span class="aide">(facultatif)</span>
            </label>
            <input type="date" id="dateFinValidite" name="dateFinValidite" value={saisie.dateFinValidite ?? ''} />
          </div>
          <div class="etroit">
            <label for="indicePertinence">Pertinence</label>
            <select id="indicePertinence" name="indicePertinence">
              {plan.indicesPertinence.map((i) => (
                <option value={i.code} selected={i.code === (saisie.indicePertinence ?? 'IV')}>
                  {i.code} · {i.libelle}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p>
          <button type="submit">Déposer</button>
        </p>
      </form>
    </section>
  );
}
