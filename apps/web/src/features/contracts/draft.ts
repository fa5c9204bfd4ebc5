import {
  type ContractContent,
  type ContractContentInput,
  contractDurationLabel,
  type ExemptionGround,
  type HoursRegime,
  type PlanStepKind,
  type PlanWeek,
  weeklyPlan,
} from '@parcours/contracts';

/**
 * The contract editor's values as the fields hold them (strings while typing), and the pure
 * rules the screen applies live: hours typed in French, the duration in words, the 15-hour
 * planner, the regime a week under the minimum needs.
 */

export interface StepValues {
  /** Stable key of the row while it moves (not sent). */
  key: string;
  objectiveId: string;
  kind: PlanStepKind;
  /** An action of the catalogue (issue 12); null for a free step. */
  actionId: string | null;
  label: string;
  weeklyHours: string;
  startDate: string;
  endDate: string;
}

export interface ContractValues {
  startDate: string;
  endDate: string;
  bodyCommitments: string;
  personCommitments: string;
  hoursRegime: HoursRegime;
  reducedReason: string;
  exemptionGround: ExemptionGround | '';
  childUnder12Statement: boolean;
  plan: StepValues[];
}

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = isoDay.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1;
}

/** "7,5", "7.5", " 18 " → a number; empty or malformed → NaN. */
export function parseHours(value: string): number {
  const text = value.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return Number.NaN;
  return Number(text);
}

/** 7.5 → "7,5" (what the field shows). */
export function formatHours(value: number): string {
  return Number.isFinite(value) ? value.toLocaleString('fr-FR', { maximumFractionDigits: 2 }) : '';
}

/** "7,5 h" */
export const hoursLabel = (value: number) => `${formatHours(value)} h`;

/**
 * The duration of a contract in French as the server says it (`contractDurationLabel`); null when
 * the dates are missing, malformed or reversed.
 */
export function durationInFrench(startDate: string, endDate: string): string | null {
  if (!isCalendarDate(startDate) || !isCalendarDate(endDate) || endDate < startDate) return null;
  return contractDurationLabel(startDate, endDate);
}

/** The body's commitments proposed in a new contract, naming the référent unique. */
export function defaultBodyCommitments(referentName: string | null): string {
  const who = referentName ? `${referentName}, référent unique,` : 'Le référent unique';
  return `${who} accompagne la personne tout au long du contrat : il la reçoit régulièrement, l’aide dans ses démarches, l’oriente vers les actions prévues au plan et fait le point avec elle sur leur avancement.`;
}

export const defaultPersonCommitments =
  'La personne s’engage à participer aux actions prévues au plan, à se rendre aux rendez-vous fixés avec son référent et à le prévenir de tout changement de situation.';

let counter = 0;
export const newStepKey = () => `etape-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function emptyStep(contract: Pick<ContractValues, 'startDate' | 'endDate'>): StepValues {
  return {
    key: newStepKey(),
    objectiveId: '',
    kind: 'training',
    actionId: null,
    label: '',
    weeklyHours: '',
    startDate: contract.startDate,
    endDate: contract.endDate,
  };
}

/** The values of a new contract: six months from `today`, the default commitments, no step yet. */
export function newContractValues(today: string, referentName: string | null): ContractValues {
  const start = Date.parse(`${today}T00:00:00Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 6);
  end.setUTCDate(end.getUTCDate() - 1);
  return {
    startDate: today,
    endDate: end.toISOString().slice(0, 10),
    bodyCommitments: defaultBodyCommitments(referentName),
    personCommitments: defaultPersonCommitments,
    hoursRegime: 'standard',
    reducedReason: '',
    exemptionGround: '',
    childUnder12Statement: false,
    plan: [],
  };
}

/** The values of a saved version's content. */
export function valuesFromContent(content: ContractContent | ContractContentInput): ContractValues {
  return {
    startDate: content.startDate,
    endDate: content.endDate,
    bodyCommitments: content.bodyCommitments,
    personCommitments: content.personCommitments,
    hoursRegime: content.hoursRegime,
    reducedReason: content.reducedReason ?? '',
    exemptionGround: content.exemptionGround ?? '',
    childUnder12Statement: content.childUnder12Statement ?? false,
    plan: (content.plan ?? []).map((s) => ({
      key: newStepKey(),
      objectiveId: s.objectiveId,
      kind: s.kind,
      actionId: s.actionId ?? null,
      label: s.label,
      weeklyHours: formatHours(s.weeklyHours),
      startDate: s.startDate,
      endDate: s.endDate,
    })),
  };
}

/** What is sent: the regime's own fields only (a reason is not kept for a standard contract). */
export function contentFromValues(values: ContractValues): ContractContentInput {
  return {
    startDate: values.startDate,
    endDate: values.endDate,
    bodyCommitments: values.bodyCommitments,
    personCommitments: values.personCommitments,
    hoursRegime: values.hoursRegime,
    reducedReason: values.hoursRegime === 'reduced' ? values.reducedReason : null,
    exemptionGround:
      values.hoursRegime === 'exempt' && values.exemptionGround ? values.exemptionGround : null,
    childUnder12Statement:
      values.hoursRegime === 'exempt' && values.exemptionGround === 'isolated_parent_child_under_12'
        ? values.childUnder12Statement
        : false,
    plan: values.plan.map((s) => ({
      objectiveId: s.objectiveId,
      kind: s.kind,
      actionId: s.kind === 'catalogue_action' ? s.actionId : null,
      label: s.label,
      weeklyHours: parseHours(s.weeklyHours),
      startDate: s.startDate,
      endDate: s.endDate,
    })),
  };
}

/** The weeks of the plan as typed so far: steps with unreadable dates or hours count for nothing. */
export function livePlan(values: ContractValues, minimum: number): PlanWeek[] {
  if (!isCalendarDate(values.startDate) || !isCalendarDate(values.endDate)) return [];
  const steps = values.plan
    .filter((s) => isCalendarDate(s.startDate) && isCalendarDate(s.endDate))
    .map((s) => {
      const hours = parseHours(s.weeklyHours);
      return { startDate: s.startDate, endDate: s.endDate, weeklyHours: Number.isFinite(hours) ? hours : 0 };
    });
  return weeklyPlan({ startDate: values.startDate, endDate: values.endDate }, steps, minimum);
}

/** "26 semaines : toutes atteignent 15 h." / "26 semaines : 3 sous 15 h (en hachuré)." */
export function weeksSummary(weeks: readonly PlanWeek[], minimum: number): string {
  if (weeks.length === 0) return 'Aucune semaine : indiquez les dates du contrat.';
  const under = weeks.filter((w) => w.underMinimum).length;
  const total = `${weeks.length} semaine${weeks.length > 1 ? 's' : ''}`;
  if (under === 0) return `${total} : toutes atteignent ${minimum} h.`;
  return `${total} : ${under} sous ${minimum} h (en hachuré).`;
}

/** Moves the item at `from` to `to` (a new array; out-of-range moves change nothing). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * The regime rules checked before proposing the contract for signature (the server checks them
 * too): a week under the minimum needs a reduced or exempt regime; reduced needs its reason;
 * exempt its ground; the child-care ground with no child under 12 known, the explicit statement.
 * Keys are the form's field names.
 */
export function regimeErrors(
  values: ContractValues,
  weeks: readonly PlanWeek[],
  household: { childrenUnder12: number },
  minimum: number,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const under = weeks.filter((w) => w.underMinimum).length;
  if (values.hoursRegime === 'standard' && under > 0) {
    errors['content.hoursRegime'] =
      `${under === 1 ? '1 semaine est' : `${under} semaines sont`} sous ${minimum} heures : choisissez une durée hebdomadaire réduite (avec son motif) ou une dispense, ou complétez le plan.`;
  }
  if (values.hoursRegime === 'reduced' && !values.reducedReason.trim()) {
    errors['content.reducedReason'] =
      'Motif de la durée réduite : obligatoire (adapté à la situation personnelle et familiale).';
  }
  if (values.hoursRegime === 'exempt' && !values.exemptionGround) {
    errors['content.exemptionGround'] = 'Motif de la dispense : obligatoire.';
  }
  if (
    values.hoursRegime === 'exempt' &&
    values.exemptionGround === 'isolated_parent_child_under_12' &&
    household.childrenUnder12 === 0 &&
    !values.childUnder12Statement
  ) {
    errors['content.childUnder12Statement'] =
      'Aucun enfant de moins de 12 ans n’est connu au foyer : cochez la déclaration de la personne pour retenir ce motif.';
  }
  return errors;
}

/**
 * Every field name of the editor, for `errorsFromApi` (server paths `content.plan.0.weeklyHours`
 * land under the step's field).
 */
export function contractFieldNames(stepCount: number): string[] {
  const names = [
    'startDate',
    'endDate',
    'bodyCommitments',
    'personCommitments',
    'hoursRegime',
    'reducedReason',
    'exemptionGround',
    'childUnder12Statement',
    'plan',
  ].map((n) => `content.${n}`);
  for (let i = 0; i < stepCount; i++) {
    for (const f of ['objectiveId', 'kind', 'actionId', 'label', 'weeklyHours', 'startDate', 'endDate']) {
      names.push(`content.plan.${i}.${f}`);
    }
  }
  return names;
}

/** A server path with or without the `content.` prefix, as the form names it. */
export const asContentField = (path: string) =>
  path.startsWith('content.') || path === 'content' ? path : `content.${path}`;
