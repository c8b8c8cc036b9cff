import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Acteur, Demande } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { type UploadFields, type UploadResult, uploadPiece } from '../pieces/upload-piece.ts';
import type { HonoEnv } from './env.ts';
import { limitBody } from './limit-body.ts';

/** An upload's multipart body: its file part, when there is one, and the plan fields (an empty field is absent). */
export type UploadForm = { file: File | undefined; fields: UploadFields };

/** The configured body limit of an upload route, to run before anything reads the body (413 `taille_depassee`). */
export function limitUpload() {
  return createMiddleware<HonoEnv>(async function limitUpload(c, next) {
    return limitBody(c.get('deps').config.maxBodyBytes)(c, next);
  });
}

/** Reads an upload's multipart body; one that cannot be read is a 400 `requete_invalide` saying `unreadable`. */
export async function readUpload(c: Context<HonoEnv>, unreadable: string): Promise<UploadForm> {
  const form = await c.req.parseBody().catch(() => {
    throw new AppError('requete_invalide', unreadable);
  });
  const text = (name: string) => (typeof form[name] === 'string' && form[name] !== '' ? (form[name] as string) : undefined);
  return {
    file: form.file instanceof File ? form.file : undefined,
    fields: { categorie: text('categorie'), type: text('type'), dateFinValidite: text('dateFinValidite'), indicePertinence: text('indicePertinence') },
  };
}

/** Hands an upload to `uploadPiece` with the request's services, on the channel of its actor (a pgp service's or the portal's). */
export async function submitUpload(c: Context<HonoEnv>, input: { acteur: Acteur; demande: Demande; file: File; fields: UploadFields }): Promise<UploadResult> {
  const { db, objects, pages } = c.get('deps');
  const { acteur, demande, file, fields } = input;
  return uploadPiece(
    { db, objects, images: pages.images, convert: pages.convertPiece, classify: pages.classify },
    { acteur, demande, canal: acteur.role === 'pgp' ? 'pgp' : 'portail', nomFichier: file.name, bytes: Buffer.from(await file.arrayBuffer()), fields },
  );
}
