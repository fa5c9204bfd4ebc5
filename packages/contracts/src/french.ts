/** Small French text rules shared by the server's messages and the screens. */

/** "1 foyer", "2 foyers", "0 foyer" (French keeps 0 and 1 singular). */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;
}

// A Y before a vowel is a consonant ("de Yann"), before a consonant a vowel ("d’Yves").
const elidingStart = /^(?:[aeiouhâàäéèêëîïôöûùüœæ]|y[^aeiouyéèêàâ])/i;

/**
 * "de Camille", "d’Agathe", "d’Hélène", "d’Yves", "de Yann": the preposition "de" before a name,
 * elided before a vowel or a mute h (first names with an aspirated h are rare enough to ignore).
 */
export function ofName(name: string): string {
  const trimmed = name.trim();
  return elidingStart.test(trimmed) ? `d’${trimmed}` : `de ${trimmed}`;
}

/** A person's sex as Parcours stores it; null or absent when unknown. */
export type Sex = 'M' | 'F' | null | undefined;

/**
 * Agreement of a word with a person's sex: `agree('F', 'convoqué')` → "convoquée",
 * `agree('M', 'convoqué')` → "convoqué", unknown → "convoqué(e)". The feminine is given when it is
 * not the masculine + e: `agree('F', 'veuf', 'veuve')`.
 */
export function agree(sex: Sex, masculine: string, feminine = `${masculine}e`): string {
  if (sex === 'M') return masculine;
  if (sex === 'F') return feminine;
  return feminine === `${masculine}e` ? `${masculine}(e)` : `${masculine} ou ${feminine}`;
}

// "convoqué(e)", "citoyen(ne)", "nul(le)", "veuf(ve)", "heureux(se)": the written inclusive forms.
const inclusiveWord = /(\p{L}+)\((e|ne|le|ve|se)\)(?!\p{L})/gu;

function feminineOf(stem: string, suffix: string): string {
  if (suffix === 've' && stem.endsWith('f')) return `${stem.slice(0, -1)}ve`;
  if (suffix === 'se' && stem.endsWith('x')) return `${stem.slice(0, -1)}se`;
  return `${stem}${suffix}`;
}

/**
 * Resolves every inclusive form of a text for a known sex: "Vous êtes convoqué(e)" → "Vous êtes
 * convoquée" (F) or "Vous êtes convoqué" (M). Unknown sex keeps the text as written. Plurals
 * ("rendez-vous prévu(s)") are left alone.
 */
export function agreeText(text: string, sex: Sex): string {
  if (sex !== 'M' && sex !== 'F') return text;
  return text.replace(inclusiveWord, (_m, stem: string, suffix: string) =>
    sex === 'M' ? stem : feminineOf(stem, suffix),
  );
}
