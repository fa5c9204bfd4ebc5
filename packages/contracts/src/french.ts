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
