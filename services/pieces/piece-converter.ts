import type { NormalisedPage } from '../pages/page-types.ts';

/**
 * A received file as one normalised PDF and its page count. When text was asked (an upload
 * without type), `lecture` holds it: joined for the classifier, and page by page beside the
 * normalised pages, which a review task keeps so that an operator sees them and the resolution
 * files them as a scanned lot's pages are filed.
 */
export type ConvertedPiece = {
  pdf: Buffer;
  pages: number;
  lecture: { texte: string; normalised: NormalisedPage[]; textes: (string | null)[] } | null;
};

/** Turns the bytes of an upload into the piece's PDF; bad input throws an AppError with its code. */
export type PieceConverter = (bytes: Buffer, options: { texte: boolean }) => Promise<ConvertedPiece>;
