export * from './acteurs.ts';
export * from './demandes.ts';
export * from './journal.ts';
export * from './lecture-page.ts';
export * from './lots.ts';
export * from './pieces.ts';
export * from './revue.ts';
export * from './courriels.ts';
