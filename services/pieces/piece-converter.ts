import type { NormalisedPage } from '../pages/page-types.ts';

/**
 * A received file as one normalised PDF, with its page count and, when asked, its text (OCR):
 * joined for the classifier, and page by page with the normalised pages, which a review task keeps
 * so that an operator sees them and the resolution files them as a scanned lot's pages are filed.
 */
export type ConvertedPiece = { pdf: Buffer; pages: number; texte: string | null; normalised: NormalisedPage[]; textes: (string | null)[] };

/** Turns the bytes of an upload into the piece's PDF; bad input throws an AppError with its code. */
export type PieceConverter = (bytes: Buffer, options: { texte: boolean }) => Promise<ConvertedPiece>;
