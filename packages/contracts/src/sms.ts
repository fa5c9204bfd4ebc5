/**
 * SMS length as the network counts it (GSM 03.38). One implementation, used by the template
 * editor's counter and by the server's preview, so both give the same count.
 */

// GSM 03.38 basic set: é è ù ì ò Ç Å ä ö ñ ü à… are in it; ô ê â î û ç (lowercase) are not.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// Extension table: sent as escape + character, so each counts 2.
const GSM_EXTENDED = '^{}\\[~]|€\f';

export const SMS_SINGLE_GSM = 160;
export const SMS_PART_GSM = 153;
export const SMS_SINGLE_UCS2 = 70;
export const SMS_PART_UCS2 = 67;

export interface SmsLength {
  /** GSM-7 when every character is in the GSM alphabet, else UCS-2 (70 characters per SMS). */
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the network counts them (extended GSM characters count twice). */
  units: number;
  segments: number;
  /** Characters not in the GSM alphabet (they force UCS-2). */
  nonGsm: string[];
}

/** How many SMS a text takes once sent (the text as sent: placeholders already filled). */
export function smsLength(text: string): SmsLength {
  let units = 0;
  const nonGsm = new Set<string>();
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) units += 1;
    else if (GSM_EXTENDED.includes(ch)) units += 2;
    else nonGsm.add(ch);
  }
  if (nonGsm.size === 0) {
    const segments = units <= SMS_SINGLE_GSM ? 1 : Math.ceil(units / SMS_PART_GSM);
    return { encoding: 'GSM-7', units, segments, nonGsm: [] };
  }
  // UCS-2 counts UTF-16 code units.
  const u = text.length;
  const segments = u <= SMS_SINGLE_UCS2 ? 1 : Math.ceil(u / SMS_PART_UCS2);
  return { encoding: 'UCS-2', units: u, segments, nonGsm: [...nonGsm] };
}
