import { randomUUID } from 'node:crypto';
import type { Deps } from '../../../services/deps.ts';
import { pageImageKey } from '../../../services/lot-state/page-image-key.ts';
import { lots, pages, type LecturePage, type Lot } from '../../../storage/schema/index.ts';
import { textPageJpeg } from '../../support/documents.ts';

/** A page's reading as the read stage checkpoints it, for pages whose text a test gives. */
export function lecture(overrides: Partial<LecturePage> = {}): LecturePage {
  return {
    rotation: 0,
    osdAngle: null,
    osdConfidence: null,
    osd: [],
    turnCheck: null,
    orientationReason: 'texte-lu',
    skewAngle: 0,
    skewConfidence: 0,
    skewCorrected: false,
    crop: null,
    cropped: false,
    scale: 1,
    levels: null,
    bitonal: false,
    midtoneRatio: 0,
    dpi: 100,
    blanc: 'contenu',
    corps: null,
    ms: { normalise: 1, ocr: 1 },
    ...overrides,
  };
}

/**
 * A scan lot whose pages are already read and checkpointed, as a worker leaves them before its
 * decisions: one row and one stored image per page, `files` giving each file's page texts. A page's
 * image shows its text's first lines, or the lines `images` gives it (by its index in the lot): what
 * the page showed that its reading missed.
 */
export async function lotDejaLu(
  deps: Pick<Deps, 'db' | 'objects'>,
  files: string[][],
  options: { plisDeclares?: number; images?: Record<number, string[]> } = {},
): Promise<Lot> {
  const [lot] = await deps.db
    .insert(lots)
    .values({
      canal: 'courrier',
      statut: 'en_cours',
      empreinte: randomUUID(),
      plisDeclares: options.plisDeclares ?? null,
      fichiers: files.map((_, i) => ({ nom: `lot-${i + 1}.pdf`, cle: randomUUID(), sha256: 'ab'.repeat(32), taille: 1, type: null })),
      pages: files.flat().length,
    })
    .returning();
  let index = 0;
  for (const [fichier, texts] of files.entries()) {
    for (const [pageDansFichier, texte] of texts.entries()) {
      const lignes = options.images?.[index] ?? texte.split('\n').slice(0, 3);
      await deps.objects.put('originaux', pageImageKey(lot!.id, index), await textPageJpeg(lignes), { contentType: 'image/jpeg' });
      await deps.db.insert(pages).values({
        lotId: lot!.id,
        index,
        fichier,
        pageDansFichier,
        blanc: texte === '',
        normalisation: lecture(texte === '' ? { blanc: 'vide' } : {}),
        texte,
        confianceOcr: 90,
        cleImage: pageImageKey(lot!.id, index),
        traiteLe: new Date(),
      });
      index++;
    }
  }
  return lot!;
}
