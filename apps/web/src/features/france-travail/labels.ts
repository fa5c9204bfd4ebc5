import type { FtState } from './api';

/** Title of the list of registrations in each state. */
export const listTitles: Record<FtState, string> = {
  pending: 'Personnes à inscrire',
  exported: 'Inscriptions transmises, en attente de l’accusé de réception',
  registered: 'Personnes inscrites',
  rejected: 'Inscriptions refusées',
};

export const emptyTitles: Record<FtState, string> = {
  pending: 'Aucune personne n’est à inscrire pour le moment.',
  exported: 'Aucune inscription transmise n’attend d’accusé de réception.',
  registered: 'Aucune inscription n’est encore confirmée.',
  rejected: 'Aucune inscription n’a été refusée.',
};
