import {
  type IndicatorDefinition,
  indicatorDefinitions,
  type PlanPauvreteIndicatorKey,
  type PlanPauvreteIndicators,
  planPauvreteIndicatorKeys,
} from '@parcours/contracts';

/** The seed's objectives (section 3 of its table), each holding its indicators in the API's order. */
export const indicatorGroupTitles: Record<string, string> = {
  '3.1.1': 'Instruire et orienter rapidement vers un organisme accompagnateur',
  '3.1.2': 'Démarrer rapidement un parcours d’accompagnement',
  '3.1.3': 'Rencontrer l’intégralité des allocataires pour initier leur parcours d’accompagnement',
  '3.2.1': 'Garantie d’activité départementale',
  '3.2.2': 'Accompagnement global porté par France Travail',
};

export interface IndicatorGroup {
  ref: string;
  title: string;
  keys: PlanPauvreteIndicatorKey[];
}

export const indicatorGroups: IndicatorGroup[] = Object.entries(indicatorGroupTitles).map(([ref, title]) => ({
  ref,
  title,
  keys: planPauvreteIndicatorKeys.filter((key) => indicatorDefinitions[key].ref === ref),
}));

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const percentOneDecimal = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

/** « 13 383 » (French grouping). */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** A figure as shown: counts whole, the ratio and the mean with one decimal, « — » when undefined. */
export function formatFigure(definition: IndicatorDefinition, value: number | null): string {
  if (value === null) return '—';
  return definition.kind === 'ratio' || definition.kind === 'mean'
    ? oneDecimal.format(value)
    : formatCount(value);
}

/** The share of a part in its whole, or null when the whole is zero (a rate is derived, never stored). */
export function rateOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * « 56 % (13 383 / 23 691) »; a share that is neither none nor all never rounds to 0 % or 100 %
 * (one decimal then). Null when the whole is zero.
 */
export function formatRate(part: number, whole: number): string | null {
  const rate = rateOf(part, whole);
  if (rate === null) return null;
  const rounded = Math.round(rate * 100);
  const misleading = (part > 0 && rounded === 0) || (part < whole && rounded === 100);
  const shown = misleading
    ? percentOneDecimal.format(Math.min(Math.max(rate, 0.001), 0.999))
    : percent.format(rate);
  return `${shown} (${formatCount(part)} / ${formatCount(whole)})`;
}

/** What is written for a figure that has no value (the ratio, the mean). */
export function emptyFigureReason(key: PlanPauvreteIndicatorKey): string | null {
  if (key === 'globalSupportPerAdvisor') return 'Aucun binôme actif le dernier jour';
  if (key === 'globalSupportStartDelayDays') return 'Aucun premier rendez-vous après ces orientations';
  return null;
}

function csvCell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A number for a French spreadsheet: « 12,4 », empty when undefined. */
function csvNumber(value: number | null, decimals: number): string {
  if (value === null) return '';
  return value.toFixed(decimals).replace('.', ',');
}

/**
 * The figures shown, as CSV for a spreadsheet (semicolons, UTF-8 with BOM): counts and derived
 * shares only, no person.
 */
export function indicatorsCsv(
  indicators: PlanPauvreteIndicators,
  context: { from: string; to: string; hubLabel: string },
): string {
  const header = ['Référence', 'Indicateur', 'Valeur', 'Part (%)', 'Rapporté à', 'Du', 'Au', 'Territoire'];
  const lines = [header.join(';')];
  for (const group of indicatorGroups) {
    for (const key of group.keys) {
      const definition = indicatorDefinitions[key];
      const value = indicators[key];
      const whole = definition.of ? indicators[definition.of] : null;
      const rate = whole !== null && value !== null ? rateOf(value, whole) : null;
      const decimals = definition.kind === 'ratio' || definition.kind === 'mean' ? 1 : 0;
      lines.push(
        [
          definition.ref,
          definition.label,
          csvNumber(value, decimals),
          csvNumber(rate === null ? null : rate * 100, 1),
          definition.of ? indicatorDefinitions[definition.of].label : '',
          context.from,
          context.to,
          context.hubLabel,
        ]
          .map(csvCell)
          .join(';'),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** « indicateurs-plan-pauvrete_2026-01-01_2026-03-31_P13-01.csv » (no accent, no space). */
export function csvFileName(filters: { from: string; to: string; hub?: string | undefined }): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '-');
  return `indicateurs-plan-pauvrete_${safe(filters.from)}_${safe(filters.to)}${filters.hub ? `_${safe(filters.hub)}` : ''}.csv`;
}
