import { createHash } from 'node:crypto';
import {
  type ContractContent,
  type ContractStatus,
  type ExemptionGround,
  type FieldError,
  type PlanWeek,
  weeklyPlan,
} from '@parcours/contracts';

/**
 * Rules of the contract of engagement (RULES.md "Contract of engagement", SPEC §6): dates, overlap
 * and renewal, completeness when proposed, the weekly minimum of the plan and its regimes, the
 * isolated-parent exemption the system proposes, the content's hash signed by both parties.
 * Pure: the use cases load what they need and turn the field errors into a refusal.
 */

const frDate = (iso: string) => iso.split('-').reverse().join('/');
const fr = (n: number) => String(n).replace('.', ',');

// ---- Hash -----------------------------------------------------------------------------------------

/**
 * JSON with keys sorted at every level, no spaces, `undefined` dropped: the same content always
 * gives the same text whatever the order its fields were written or stored in (jsonb reorders).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('Non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface HashedStep {
  objectiveId: string;
  kind: string;
  actionId: string | null;
  label: string;
  weeklyHours: number;
  startDate: string;
  endDate: string;
}

/**
 * The SHA-256 both parties sign: the contract and version they sign, the content (without its
 * plan) and the plan's steps in their order, each normalised (hours as numbers, absent as null).
 */
export function contractContentHash(input: {
  contractId: string;
  versionNumber: number;
  content: Omit<ContractContent, 'plan'> & { plan?: unknown };
  plan: readonly HashedStep[];
}): string {
  const { plan: _ignored, ...content } = input.content;
  const text = canonicalJson({
    contractId: input.contractId,
    versionNumber: input.versionNumber,
    content: {
      startDate: content.startDate,
      endDate: content.endDate,
      bodyCommitments: content.bodyCommitments,
      personCommitments: content.personCommitments,
      hoursRegime: content.hoursRegime,
      reducedReason: content.reducedReason ?? null,
      exemptionGround: content.exemptionGround ?? null,
      childUnder12Statement: content.childUnder12Statement ?? false,
    },
    plan: input.plan.map((s) => ({
      objectiveId: s.objectiveId,
      kind: s.kind,
      actionId: s.actionId ?? null,
      label: s.label,
      weeklyHours: Number(s.weeklyHours),
      startDate: s.startDate,
      endDate: s.endDate,
    })),
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// ---- Dates ----------------------------------------------------------------------------------------

const DAY = 86_400_000;
const time = (d: string) => Date.parse(`${d}T00:00:00Z`);
export const addDays = (d: string, days: number) => new Date(time(d) + days * DAY).toISOString().slice(0, 10);

/** End before start: refused at every save (the form shows it under the end date). */
export function dateErrors(
  content: { startDate: string; endDate: string },
  prefix = 'content',
): FieldError[] {
  return content.endDate < content.startDate
    ? [
        {
          path: `${prefix}.endDate`,
          code: 'invalid',
          message: 'La date de fin doit être le jour du début ou après.',
        },
      ]
    : [];
}

// ---- Overlap and renewal --------------------------------------------------------------------------

export interface OtherContract {
  id: string;
  status: ContractStatus | string;
  signedOn: string | null;
  startDate: string;
  endDate: string;
  renewsContractId: string | null;
}

/** Contracts that bind the person: signed (not yet started) or in force. */
const binding = (c: OtherContract) => c.status === 'signed' || c.status === 'in_force';

/**
 * A contract may not overlap another contract of the person that is signed or in force — unless it
 * renews that one. Decision (ADR 0014, README): a renewal starts after the renewed contract's start
 * (it may take over before the renewed one's end: "early renewal"; the renewed one then stops being
 * in force when the renewal comes into force). The renewed contract must be signed, in force or
 * ended, and not already renewed by another contract that is not cancelled.
 */
export function overlapErrors(
  contract: { id: string | null; startDate: string; endDate: string; renewsContractId: string | null },
  others: readonly OtherContract[],
  prefix = 'content',
): FieldError[] {
  const errors: FieldError[] = [];
  const renewed = contract.renewsContractId ? others.find((o) => o.id === contract.renewsContractId) : null;
  if (contract.renewsContractId) {
    if (!renewed) {
      errors.push({
        path: 'renewsContractId',
        code: 'invalid',
        message: 'Contrat renouvelé introuvable pour cette personne.',
      });
    } else if (!['signed', 'in_force', 'ended'].includes(renewed.status)) {
      errors.push({
        path: 'renewsContractId',
        code: 'invalid',
        message: 'Seul un contrat signé, en vigueur ou terminé peut être renouvelé.',
      });
    } else if (contract.startDate <= renewed.startDate) {
      errors.push({
        path: `${prefix}.startDate`,
        code: 'invalid',
        message: `Un renouvellement commence après le début du contrat renouvelé (${frDate(renewed.startDate)}).`,
      });
    } else {
      const rival = others.find(
        (o) => o.id !== contract.id && o.renewsContractId === renewed.id && o.status !== 'cancelled',
      );
      if (rival) {
        errors.push({
          path: 'renewsContractId',
          code: 'invalid',
          message: 'Ce contrat fait déjà l’objet d’un renouvellement.',
        });
      }
    }
  }
  const clash = others.find(
    (o) =>
      o.id !== contract.id &&
      o.id !== contract.renewsContractId &&
      binding(o) &&
      o.startDate <= contract.endDate &&
      o.endDate >= contract.startDate,
  );
  if (clash) {
    errors.push({
      path: `${prefix}.startDate`,
      code: 'overlap',
      message: `Ces dates chevauchent le contrat ${clash.status === 'signed' ? 'signé' : 'en vigueur'} du ${frDate(clash.startDate)} au ${frDate(clash.endDate)} : choisissez d’autres dates ou faites-en un renouvellement.`,
    });
  }
  return errors;
}

// ---- Weekly minimum ---------------------------------------------------------------------------

/**
 * The weekly minimum in force on a day (the contract's start): the latest dated rule from that day
 * or before; the built-in rule is 15 h from 1 January 2025 (loi pour le plein emploi). Before any
 * rule (a contract starting before 2025) there is no minimum.
 */
export function minimumWeeklyHoursOn(
  rules: readonly { effectiveFrom: string; minimumWeeklyHours: number }[],
  day: string,
): number {
  const all = [...rules];
  if (!all.some((r) => r.effectiveFrom === BUILT_IN_HOURS_RULE.effectiveFrom)) all.push(BUILT_IN_HOURS_RULE);
  const inForce = all
    .filter((r) => r.effectiveFrom <= day)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return inForce[0]?.minimumWeeklyHours ?? 0;
}
export const BUILT_IN_HOURS_RULE = { effectiveFrom: '2025-01-01', minimumWeeklyHours: 15 };

// ---- Household and exemption ----------------------------------------------------------------------

export interface HouseholdMember {
  role: string | null;
  birthDate: string | null;
  isPerson: boolean;
}

/** Age in whole years on a day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * What the system proposes from the household (CAF roles): children (ENF) under 12 on the day and
 * no spouse (CJT, or the DEM when the person is the CJT) beside the person → the isolated-parent exemption, for the agent to confirm.
 */
export function householdProposal(members: readonly HouseholdMember[], day: string) {
  const childrenUnder12 = members.filter(
    (m) => !m.isPerson && m.role === 'ENF' && m.birthDate != null && ageOn(m.birthDate, day) < 12,
  ).length;
  // The person's partner: the other adult of the claim (CJT beside a DEM, or DEM beside a CJT).
  const isolatedParent = !members.some((m) => !m.isPerson && (m.role === 'CJT' || m.role === 'DEM'));
  const proposedExemption: ExemptionGround | null =
    childrenUnder12 > 0 && isolatedParent ? 'isolated_parent_child_under_12' : null;
  return { childrenUnder12, isolatedParent: isolatedParent && childrenUnder12 > 0, proposedExemption };
}

// ---- Regime and plan ------------------------------------------------------------------------------

/** Regime fields: a reason for the reduced duration, a ground for the exemption (and its proof). */
export function regimeErrors(content: ContractContent, childrenUnder12: number): FieldError[] {
  const errors: FieldError[] = [];
  if (content.hoursRegime === 'reduced' && !content.reducedReason) {
    errors.push({
      path: 'content.reducedReason',
      code: 'required',
      message: 'Motif de la durée réduite : obligatoire (adapté à la situation personnelle et familiale).',
    });
  }
  if (content.hoursRegime === 'exempt' && !content.exemptionGround) {
    errors.push({
      path: 'content.exemptionGround',
      code: 'required',
      message: 'Motif de la dispense : obligatoire.',
    });
  }
  if (
    content.hoursRegime === 'exempt' &&
    content.exemptionGround === 'isolated_parent_child_under_12' &&
    childrenUnder12 === 0 &&
    !content.childUnder12Statement
  ) {
    errors.push({
      path: 'content.childUnder12Statement',
      code: 'required',
      message:
        'Aucun enfant de moins de 12 ans n’est connu dans le foyer : cochez la déclaration de la personne pour retenir cette dispense.',
    });
  }
  return errors;
}

/** What a version needs to be proposed for signature; the plan's weeks are returned for the refusal's message. */
export function proposalErrors(
  content: ContractContent,
  context: { objectiveIds: ReadonlySet<string>; minimumWeeklyHours: number; childrenUnder12: number },
): { errors: FieldError[]; weeks: PlanWeek[] } {
  const errors: FieldError[] = [...dateErrors(content)];
  if (!content.bodyCommitments) {
    errors.push({
      path: 'content.bodyCommitments',
      code: 'required',
      message: 'Engagements de la structure : obligatoires.',
    });
  }
  if (!content.personCommitments) {
    errors.push({
      path: 'content.personCommitments',
      code: 'required',
      message: 'Engagements de la personne : obligatoires.',
    });
  }
  if (content.plan.length === 0) {
    errors.push({ path: 'content.plan', code: 'required', message: 'Plan d’action : au moins une étape.' });
  }
  content.plan.forEach((s, i) => {
    const at = `content.plan.${i}`;
    if (!context.objectiveIds.has(s.objectiveId)) {
      errors.push({
        path: `${at}.objectiveId`,
        code: 'invalid',
        message: 'Objectif inconnu du référentiel national.',
      });
    }
    if (s.endDate < s.startDate) {
      errors.push({
        path: `${at}.endDate`,
        code: 'invalid',
        message: 'La fin de l’étape doit être le jour du début ou après.',
      });
    }
    if (s.startDate < content.startDate || s.startDate > content.endDate) {
      errors.push({
        path: `${at}.startDate`,
        code: 'invalid',
        message: 'Le début de l’étape doit être dans les dates du contrat.',
      });
    }
    if (s.endDate > content.endDate || s.endDate < content.startDate) {
      errors.push({
        path: `${at}.endDate`,
        code: 'invalid',
        message: 'La fin de l’étape doit être dans les dates du contrat.',
      });
    }
  });
  errors.push(...regimeErrors(content, context.childrenUnder12));
  const weeks = weeklyPlan(content, content.plan, context.minimumWeeklyHours);
  const under = weeks.filter((w) => w.underMinimum);
  if (content.hoursRegime === 'standard' && under.length > 0) {
    const first = under[0]!;
    const min = fr(context.minimumWeeklyHours);
    const which =
      under.length === 1
        ? `La semaine du ${frDate(first.weekStart)} au ${frDate(first.weekEnd)} compte ${fr(first.hours)} h`
        : `${under.length} semaines comptent moins de ${min} h (la première, du ${frDate(first.weekStart)} au ${frDate(first.weekEnd)} : ${fr(first.hours)} h)`;
    errors.push({
      path: 'content.hoursRegime',
      code: 'under_minimum',
      message: `${which} : sous ${min} h par semaine, choisissez une durée réduite (avec son motif) ou une dispense.`,
    });
  }
  return { errors, weeks };
}

/** The weekly hours a contract shows (indicators, portfolio): the plan's lowest full week, else 0. */
export function typicalWeeklyHours(weeks: readonly PlanWeek[]): number {
  if (weeks.length === 0) return 0;
  return Math.min(...weeks.map((w) => w.hours));
}
