import type { Role } from '../../storage/schema/index.ts';

export type PieceAccess = 'aucun' | 'liste' | 'lecture';

/**
 * What a role may do with a piece (DESIGN.md profile table). Quarantined pieces are seen only by
 * those who can restore them. A pgp service is further limited to the dossier it names.
 */
export function pieceAccess(role: Role, piece: { sensible: boolean; statut: 'active' | 'quarantaine' }): PieceAccess {
  if (role === 'guichet' || role === 'gestionnaire') return 'lecture';
  if (piece.statut !== 'active') return 'aucun';
  switch (role) {
    case 'consultant_sensible':
    case 'pgp':
      return 'lecture';
    case 'consultant_demande':
      return piece.sensible ? 'aucun' : 'lecture';
    case 'consultant_simple':
      return piece.sensible ? 'aucun' : 'liste';
    case 'operateur':
      return 'aucun';
  }
}
