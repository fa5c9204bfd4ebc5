import type { SmsLength } from '@parcours/contracts';
import { plural } from '../../lib/format';

/** Length of an SMS text, in characters and SMS, with why it is shorter when special characters appear. */
export function smsSummary(s: SmsLength): string {
  const base = `${plural(s.units, 'caractère', 'caractères')} — ${plural(s.segments, 'SMS', 'SMS')}`;
  return s.encoding === 'GSM-7'
    ? base
    : `${base} (caractères spéciaux ${s.nonGsm.map((c) => `« ${c} »`).join(', ')} : 70 caractères par SMS au lieu de 160)`;
}
