import type { ActionDetail, ActionInput } from '@parcours/contracts';
import { parseDecimal } from './format';

/** The action form's values as the fields hold them (strings while typing). */
export interface ActionValues {
  code: string;
  title: string;
  axis: string;
  kind: string;
  status: string;
  grouping: string;
  objectives: string;
  description: string;
  publicDescription: string;
  targetMinAge: string;
  targetMaxAge: string;
  targetSex: string;
  publics: string[];
  thematiques: string[];
  serviceType: string;
  weeklyHours: string;
  weeks: string;
  plannedBeneficiaries: string;
  plannedBeneficiariesText: string;
  unitCost: string;
  startsOn: string;
  endsOn: string;
  phases: { key: string; label: string; description: string; hours: string }[];
  indicators: { key: string; label: string; target: string; targets: Record<string, string> }[];
}

let n = 0;
export const newKey = () => `k${++n}`;
const text = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
const decimal = (v: number | null | undefined) => text(v).replace('.', ',');

export function valuesOf(a: ActionDetail | null): ActionValues {
  return {
    code: a?.code ?? '',
    title: a?.title ?? '',
    axis: text(a?.axis),
    kind: a?.kind ?? '',
    status: a?.status ?? 'nouvelle',
    grouping: a?.grouping ?? '',
    objectives: a?.objectives ?? '',
    description: a?.description ?? '',
    publicDescription: a?.publicDescription ?? '',
    targetMinAge: text(a?.targetMinAge),
    targetMaxAge: text(a?.targetMaxAge),
    targetSex: a?.targetSex ?? '',
    publics: a?.publics ?? [],
    thematiques: a?.thematiques ?? [],
    serviceType: a?.serviceType ?? '',
    weeklyHours: decimal(a?.weeklyHours),
    weeks: text(a?.weeks),
    plannedBeneficiaries: text(a?.plannedBeneficiaries),
    plannedBeneficiariesText: a?.plannedBeneficiariesText ?? '',
    unitCost: a?.unitCostCents == null ? '' : (a.unitCostCents / 100).toFixed(2).replace('.', ','),
    startsOn: a?.startsOn ?? '',
    endsOn: a?.endsOn ?? '',
    phases: (a?.phases ?? []).map((p) => ({
      key: newKey(),
      label: p.label,
      description: p.description ?? '',
      hours: decimal(p.hours),
    })),
    indicators: (a?.indicators ?? []).map((i) => ({
      key: newKey(),
      label: i.label,
      target: i.target ?? '',
      targets: i.targets,
    })),
  };
}

/** An integer typed in, or null when empty; NaN when it is not one (the schema says "invalide"). */
function integer(v: string): number | null {
  const t = v.trim();
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** « 1 234,56 » euros → cents. */
function cents(v: string): number | null {
  const amount = parseDecimal(v.replace(/[\s\u202f€]/g, ''));
  return amount === null || Number.isNaN(amount) ? amount : Math.round(amount * 100);
}

const orNull = (v: string) => (v.trim() === '' ? null : v);

/** What the form sends (the contracts' schema says what is wrong). */
export function inputOf(v: ActionValues): ActionInput {
  return {
    code: v.code,
    title: v.title,
    axis: v.axis === '' ? (undefined as never) : Number(v.axis),
    kind: (v.kind || undefined) as never,
    status: v.status as never,
    grouping: orNull(v.grouping),
    objectives: orNull(v.objectives),
    description: orNull(v.description),
    publicDescription: orNull(v.publicDescription),
    targetMinAge: integer(v.targetMinAge),
    targetMaxAge: integer(v.targetMaxAge),
    targetSex: (v.targetSex || null) as never,
    publics: v.publics as never,
    thematiques: v.thematiques as never,
    serviceType: (v.serviceType || null) as never,
    weeklyHours: parseDecimal(v.weeklyHours),
    weeks: integer(v.weeks),
    plannedBeneficiaries: integer(v.plannedBeneficiaries),
    plannedBeneficiariesText: orNull(v.plannedBeneficiariesText),
    unitCostCents: cents(v.unitCost),
    startsOn: orNull(v.startsOn),
    endsOn: orNull(v.endsOn),
    phases: v.phases.map((p) => ({
      label: p.label,
      description: orNull(p.description),
      hours: parseDecimal(p.hours),
    })),
    indicators: v.indicators.map((i) => ({ label: i.label, target: orNull(i.target), targets: i.targets })),
  };
}
