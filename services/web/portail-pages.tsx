/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// (pragmas: see portail.tsx)
import type { Child } from 'hono/jsx';
import type { Acteur, Role } from '../../storage/schema/index.ts';
import { portailStyles } from './portail-styles.ts';

/** A message above the page: what an action did, or why it was refused. */
export type Flash = { kind: 'ok' | 'info' | 'erreur'; title: string; text: string };

/** The title of a refusal's message, by its HTTP status. */
export const statusTitles: Record<number, string> = {
  400: 'Saisie invalide',
  401: 'Connexion requise',
  403: 'Action refusée',
  404: 'Introuvable',
  409: 'Dépôt refusé',
  413: 'Fichier trop volumineux',
  415: 'Format non pris en charge',
  422: 'Fichier inexploitable',
};

const roleLabels: Partial<Record<Role, string>> = { guichet: 'guichet', gestionnaire: 'gestionnaire' };

/** Every portal page: its title, the header with who is signed in and the way out, then the page's own content. */
export function Layout(props: { titre: string; acteur?: Acteur | undefined; children?: Child }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.titre} — Dossier unique</title>
        {/* a constant: raw, since a <style> element does not decode entities */}
        <style dangerouslySetInnerHTML={{ __html: portailStyles }} />
      </head>
      <body>
        <header>
          <span class="titre">
            <a href="/portail">Dossier unique · portail des guichets</a>
          </span>
          {props.acteur && (
            <>
              <span class="qui">
                {props.acteur.nom} · {roleLabels[props.acteur.role] ?? props.acteur.role}
                {props.acteur.guichet ? ` ${props.acteur.guichet}` : ''}
              </span>
              <form method="post" action="/portail/deconnexion">
                <button type="submit">Se déconnecter</button>
              </form>
            </>
          )}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

export function Message(props: { flash?: Flash | undefined }) {
  if (!props.flash) return null;
  return (
    <div class={`message ${props.flash.kind}`} role={props.flash.kind === 'erreur' ? 'alert' : 'status'}>
      <strong>{props.flash.title}</strong>
      {props.flash.text}
    </div>
  );
}

/** The token sign-in of a web page (the portal's, the review station's): whose token, and where it is posted. */
export function Connexion(props: { flash?: Flash | undefined; jetonDe: string; action: string }) {
  return (
    <>
      <Message flash={props.flash} />
      <section style="max-width:34rem;margin:2rem auto">
        <h1>Connexion</h1>
        <p>Saisissez le jeton d'accès {props.jetonDe}. Il reste dans ce navigateur jusqu'à la déconnexion, dix heures au plus.</p>
        <form method="post" action={props.action}>
          <label for="jeton">Jeton d'accès</label>
          <input type="password" id="jeton" name="jeton" autocomplete="off" required />
          <p>
            <button type="submit">Se connecter</button>
          </p>
        </form>
      </section>
    </>
  );
}

export function ConnexionPage(props: { flash?: Flash }) {
  return (
    <Layout titre="Connexion">
      <Connexion flash={props.flash} jetonDe="remis à votre guichet" action="/portail/connexion" />
    </Layout>
  );
}

export function RechercheForm(props: { saisi?: string | undefined }) {
  return (
    <form method="get" action="/portail/dossier" class="ligne">
      <div>
        <label for="nu">
          Numéro unique <span class="aide">(18 caractères, avec ou sans espaces)</span>
        </label>
        <input type="text" id="nu" name="nu" value={props.saisi ?? ''} placeholder="057 1215 073903 10691" autocomplete="off" required />
      </div>
      <div class="etroit">
        <button type="submit">Ouvrir le dossier</button>
      </div>
    </form>
  );
}

export function AccueilPage(props: { acteur: Acteur; saisi?: string; flash?: Flash | undefined }) {
  return (
    <Layout titre="Ouvrir un dossier" acteur={props.acteur}>
      <Message flash={props.flash} />
      <section>
        <h1>Ouvrir un dossier</h1>
        <RechercheForm saisi={props.saisi} />
      </section>
    </Layout>
  );
}
