/**
 * NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale").
 * CAF files carry 13 characters (no key); other sources give 15 (13 + 2-digit key), whose key we check.
 */

export type NirResult = { nir13: string } | { error: string };

/** Sex digit, 2 digits of year, 2 of month, département (digits or 2A/2B for Corsica), commune, order. */
const NIR13 = /^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6}$/;

export function normalizeNir(raw: string): NirResult {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  if (value.length === 0) return { error: 'NIR vide' };
  if (value.length !== 13 && value.length !== 15) {
    return { error: `longueur du NIR invalide : ${value.length} caractères (attendu 13, ou 15 avec la clé)` };
  }
  const nir13 = value.slice(0, 13);
  if (!NIR13.test(nir13)) return { error: 'caractères du NIR invalides' };
  if (value.length === 15) {
    const key = value.slice(13);
    if (!/^[0-9]{2}$/.test(key)) return { error: 'clé du NIR invalide' };
    if (Number(key) !== nirKey(nir13)) return { error: 'clé du NIR invalide' };
  }
  return { nir13 };
}

/** Key = 97 − (number mod 97); Corsica 2A counts as 19 and 2B as 18. BigInt: 13 digits exceed 2^53 once multiplied. */
export function nirKey(nir13: string): number {
  const digits = nir13.replace('2A', '19').replace('2B', '18');
  return 97 - Number(BigInt(digits) % 97n);
}
