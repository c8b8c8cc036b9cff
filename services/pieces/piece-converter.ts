/** A received file as one normalised PDF, with its page count and, when asked, its text (OCR). */
export type ConvertedPiece = { pdf: Buffer; pages: number; texte: string | null };

/** Turns the bytes of an upload into the piece's PDF; bad input throws an AppError with its code. */
export type PieceConverter = (bytes: Buffer, options: { texte: boolean }) => Promise<ConvertedPiece>;
