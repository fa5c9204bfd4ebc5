/** Text helpers of the annex's parsers: cells cleaned of HTML, amounts in euros, codes. */
export const clean = (s: string | undefined) =>
  (s ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\^\{([^}]*)\}/g, '$1')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** "1 644 583 €", "11 209 242,46 €", "1 000 000€" → cents; anything else → null. */
export function parseEuros(text: string | undefined): number | null {
  const m = clean(text).match(/^(\d{1,3}(?:[ .]?\d{3})*)(?:,(\d{1,2}))?\s*€/);
  if (!m) return null;
  const units = Number(m[1]!.replace(/[ .]/g, ''));
  const cents = m[2] ? Number(m[2].padEnd(2, '0')) : 0;
  return units * 100 + cents;
}

/** Same code whatever the separator ("3.3" and "3-3"). */
export const normalizeCode = (code: string) => code.replace(/\./g, '-').replace(/\s+/g, ' ').trim();
