import { dataInclusionThematiques, type SessionState, thematiqueFamily } from '@parcours/contracts';

/**
 * A need of the person, as the diagnosis names it (a theme of the national referential:
 * `diagnostic_theme`), mapped to the data·inclusion thématique families that answer it. The
 * search also takes a thématique family or code directly.
 */
export const needFamilies: Record<string, readonly string[]> = {
  logement: ['logement-hebergement'],
  emploi: ['trouver-un-emploi', 'preparer-sa-candidature', 'choisir-un-metier'],
  formation: ['se-former', 'lecture-ecriture-calcul'],
  difficulte_administrative: ['difficultes-administratives-ou-juridiques'],
  difficulte_financiere: ['difficultes-financieres', 'equipement-et-alimentation'],
  mobilite: ['mobilite'],
  sante: ['sante', 'remobilisation'],
  contraintes_familiales: ['famille'],
  maitrise_langue: ['lecture-ecriture-calcul'],
  numerique: ['numerique'],
  choisir_un_metier: ['choisir-un-metier'],
  se_former: ['se-former'],
  preparer_sa_candidature: ['preparer-sa-candidature'],
  trouver_un_emploi: ['trouver-un-emploi'],
  creer_une_entreprise: ['creer-une-entreprise'],
  s_ouvrir_a_l_international: ['souvrir-a-linternational'],
};

const families = new Set(dataInclusionThematiques.map(thematiqueFamily));

/**
 * The thématique codes answering a need (a diagnosis theme id, a family or a code), or null when
 * the need is unknown.
 */
export function thematiquesForNeed(need: string): string[] | null {
  if ((dataInclusionThematiques as readonly string[]).includes(need)) return [need];
  const wanted = needFamilies[need] ?? (families.has(need) ? [need] : null);
  if (!wanted) return null;
  return dataInclusionThematiques.filter((code) => wanted.includes(thematiqueFamily(code)));
}

/** What a session is on a day: cancelled, finished (ended before the day), full or open. */
export function sessionState(
  session: { status: string; endsOn: string; capacity: number },
  taken: number,
  today: string,
): SessionState {
  if (session.status === 'cancelled') return 'cancelled';
  if (session.endsOn < today) return 'finished';
  return session.capacity - taken <= 0 ? 'full' : 'open';
}
