/**
 * French phone numbers to E.164. CAF files and agents write them in every way ("06 12 34 56 78",
 * "06.12.34.56.78", "+33 6…", "0033 6…", "612345678" with the leading zero lost). Overseas mobiles
 * use their own country codes (ARCEP plan): 0690/0691 Guadeloupe, 0694 Guyane, 0696/0697
 * Martinique, 0692/0693 Réunion, 0639 Mayotte.
 */
const OVERSEAS_MOBILE: Record<string, string> = {
  '690': '590',
  '691': '590',
  '694': '594',
  '696': '596',
  '697': '596',
  '692': '262',
  '693': '262',
  '639': '262',
};
const OVERSEAS_CODES = new Set(['590', '594', '596', '262', '269', '508', '681', '687', '689']);

export interface NormalizedPhone {
  /** +33612345678 */
  e164: string;
  /** Only mobiles receive SMS. */
  mobile: boolean;
}

export function normalizeFrenchPhone(raw: string | null | undefined): NormalizedPhone | null {
  if (!raw) return null;
  let s = raw.trim().replace(/[\s.\-/()\u00a0\u202f]/g, '');
  if (!/^\+?\d+$/.test(s)) return null;
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (s.startsWith('+')) {
    const digits = s.slice(1);
    // +33 0 6… is a frequent mistake: drop the trunk zero.
    if (digits.startsWith('330') && digits.length === 12) return national(`0${digits.slice(3)}`);
    if (digits.startsWith('33')) return digits.length === 11 ? national(`0${digits.slice(2)}`) : null;
    const code = digits.slice(0, 3);
    if (OVERSEAS_CODES.has(code) && digits.length === 12) {
      const rest = digits.slice(3);
      return { e164: `+${digits}`, mobile: OVERSEAS_MOBILE[rest.slice(0, 3)] === code };
    }
    return null;
  }
  if (s.length === 9 && /^[1-9]/.test(s)) s = `0${s}`;
  return national(s);
}

/** A ten-digit national number 0X XX XX XX XX. */
function national(s: string): NormalizedPhone | null {
  if (!/^0[1-9]\d{8}$/.test(s)) return null;
  const significant = s.slice(1);
  const overseas = OVERSEAS_MOBILE[significant.slice(0, 3)];
  if (overseas) return { e164: `+${overseas}${significant}`, mobile: true };
  // 0262, 0590, 0594, 0596, 0269 are overseas landlines.
  for (const code of ['262', '269', '590', '594', '596']) {
    if (significant.startsWith(code)) return { e164: `+${code}${significant}`, mobile: false };
  }
  return { e164: `+33${significant}`, mobile: /^[67]/.test(significant) };
}

/** "+33612345678" → "06 12 34 56 78" (for display); other numbers unchanged. */
export function displayPhone(e164: string): string {
  const m = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `0${m[1]} ${m[2]} ${m[3]} ${m[4]} ${m[5]}` : e164;
}
