/** The confirmation e-mail for the pieces of one lot filed in one dossier (pure). */
export function confirmationMessage(numeroUnique: string, libelles: string[]): { subject: string; text: string } {
  const liste = libelles.map((l) => `  - ${l}`).join('\n');
  return {
    subject: `Demande de logement social ${numeroUnique} : ${libelles.length === 1 ? 'pièce reçue' : `${libelles.length} pièces reçues`}`,
    text: [
      'Madame, Monsieur,',
      '',
      `Les pièces justificatives suivantes ont été reçues, numérisées et enregistrées dans le dossier de votre demande de logement social n° ${numeroUnique} :`,
      '',
      liste,
      '',
      "Elles sont désormais consultables par les services enregistreurs et les bailleurs sociaux : vous n'avez pas à les fournir de nouveau.",
      '',
      'Ce message est envoyé automatiquement ; merci de ne pas y répondre.',
    ].join('\n'),
  };
}
