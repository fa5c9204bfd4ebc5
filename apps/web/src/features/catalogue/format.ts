import type { ActionSession } from '@parcours/contracts';
import { formatDate } from '../../lib/format';

const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const hoursFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** 123456 cents → « 1 234,56 € ». */
export function formatEuros(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '—' : euroFormat.format(cents / 100);
}

/** 17.5 → « 17,5 h ». */
export function formatHours(hours: number | null | undefined): string {
  return hours === null || hours === undefined ? '—' : `${hoursFormat.format(hours)} h`;
}

/** « du 05/01/2026 au 27/03/2026 ». */
export function sessionDates(s: Pick<ActionSession, 'startsOn' | 'endsOn'>): string {
  return `du ${formatDate(s.startsOn)} au ${formatDate(s.endsOn)}`;
}

/** « 3 places libres », « 1 place libre », « Complet ». */
export function placesLabel(s: Pick<ActionSession, 'freePlaces' | 'state'>): string {
  if (s.state === 'cancelled') return 'Session annulée';
  if (s.state === 'finished') return 'Terminée';
  if (s.freePlaces <= 0) return 'Complet';
  return s.freePlaces === 1 ? '1 place libre' : `${s.freePlaces} places libres`;
}

/** Parses « 7,5 » or « 7.5 »; empty → null; malformed → NaN. */
export function parseDecimal(value: string): number | null {
  const text = value.trim().replace(',', '.');
  if (text === '') return null;
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}
