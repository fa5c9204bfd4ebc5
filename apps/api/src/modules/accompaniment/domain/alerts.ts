import type { AlertKind } from '@parcours/contracts';
import { addMonths, differenceInCalendarDays } from 'date-fns';
import { ruleOn } from '../../../platform/rules/dated-rules';
import { addCalendarDays, frenchDate } from './agenda';

/**
 * The accompaniment alerts (SPEC §5–6, RULES "Delays"), derived from a person's dated facts: pure
 * rules, the thresholds coming from dated configuration (`rule_set`, kind `accompaniment_alerts`).
 * An alert is never stored: it exists while its facts say so.
 */
export interface AlertRule {
  effectiveFrom: string;
  /** Orientation → first accompaniment appointment (convention: 2 weeks; social and socio-pro only). */
  firstAppointmentDays: number;
  /** Orientation notice → signed contract, the legal deadline in months (none before 2025). */
  contractLegalMonths: number | null;
  /** Orientation → signed contract, the convention's target in months. */
  contractConventionMonths: number;
  /** A contract in force ending within this many days. */
  endingSoonDays: number;
  /** A social pathway re-examined within this many months (CASF L262-31). */
  socialReviewMonths: number;
  /** Persons followed before this date… */
  legacyCutoff: string;
  /** …have a contract of engagement signed on or after the cutoff by this date. */
  legacyDeadline: string;
  source: string;
}

export const ALERT_RULE_KIND = 'accompaniment_alerts';

/** Built-in rules; a département's own dated rows of the same kind replace those of the same date. */
export const defaultAlertRules: readonly AlertRule[] = [
  {
    effectiveFrom: '2009-06-01',
    firstAppointmentDays: 14,
    contractLegalMonths: null,
    contractConventionMonths: 2,
    endingSoonDays: 30,
    socialReviewMonths: 12,
    legacyCutoff: '2025-01-01',
    legacyDeadline: '2027-01-01',
    source:
      'Convention d’appui à la lutte contre la pauvreté (2020) : premier rendez-vous sous 2 semaines, contrat sous 2 mois',
  },
  {
    effectiveFrom: '2025-01-01',
    firstAppointmentDays: 14,
    contractLegalMonths: 1,
    contractConventionMonths: 2,
    endingSoonDays: 30,
    socialReviewMonths: 12,
    legacyCutoff: '2025-01-01',
    legacyDeadline: '2027-01-01',
    source:
      'Loi plein emploi : contrat d’engagement sous un mois (C. trav. D5411-14-1), parcours social réexaminé sous 12 mois (CASF L262-31)',
  },
];

/** What the rules need to know of a person, read from the facts. */
export interface AlertFacts {
  /** The latest orientation (notice date and pathway), null when never oriented. */
  orientation: { notifiedOn: string; pathway: string } | null;
  /** The earliest date the person was followed (an orientation or an assignment), any spell. */
  followedSince: string | null;
  /** Dates of non-cancelled accompaniment appointments (any outcome: it was fixed). */
  accompanimentAppointments: readonly string[];
  contracts: readonly AlertContract[];
}

export interface AlertContract {
  id: string;
  status: string;
  signedOn: string | null;
  startDate: string;
  endDate: string;
}

export interface DerivedAlert {
  kind: AlertKind;
  dueDate: string;
  daysLate: number;
  label: string;
}

/** The rule in force on a day: the latest whose effective date is not after it (else the oldest). */
export function ruleInForce<T extends { effectiveFrom: string }>(rules: readonly T[], day: string): T {
  return ruleOn(rules, day, 'no accompaniment alert rule configured');
}

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Calendar months: 31 January + 1 month = 28 (or 29) February. */
export function addCalendarMonths(day: string, months: number): string {
  return iso(addMonths(utc(day), months));
}

/** Days from `due` to `today`: positive once it has passed. */
export function daysBetween(due: string, today: string): number {
  return differenceInCalendarDays(utc(today), utc(due));
}

function lateness(days: number): string {
  if (days > 0) return `${days} jour${days > 1 ? 's' : ''} de retard`;
  if (days === 0) return 'aujourd’hui';
  return `dans ${-days} jour${-days > 1 ? 's' : ''}`;
}

const PATHWAYS_WITH_FIRST_APPOINTMENT = new Set(['social', 'socio-professional']);
const SIGNED_LIVE = new Set(['signed', 'in_force', 'ended', 'renewed']);

/** A contract signed after this one (a renewal, or a new contract) that was not cancelled. */
function hasLaterSigned(contracts: readonly AlertContract[], c: AlertContract): boolean {
  return contracts.some(
    (o) =>
      o.id !== c.id &&
      o.signedOn !== null &&
      SIGNED_LIVE.has(o.status) &&
      (o.startDate > c.startDate || (o.startDate === c.startDate && o.signedOn > (c.signedOn ?? ''))),
  );
}

/**
 * The alerts of one person on `today`. Each rule is judged by the rule set in force at the date of
 * its facts: the orientation's notice for the delays after it, today for the contracts' ends.
 */
export function deriveAlerts(
  facts: AlertFacts,
  today: string,
  rules: readonly AlertRule[] = defaultAlertRules,
): DerivedAlert[] {
  const alerts: DerivedAlert[] = [];
  const push = (kind: AlertKind, dueDate: string, label: (late: string) => string) => {
    const daysLate = daysBetween(dueDate, today);
    alerts.push({ kind, dueDate, daysLate, label: label(lateness(daysLate)) });
  };
  const o = facts.orientation;
  if (o && o.notifiedOn <= today) {
    const rule = ruleInForce(rules, o.notifiedOn);
    const oriented = `orientation notifiée le ${frenchDate(o.notifiedOn)}`;

    // (a) First accompaniment appointment, social and socio-professional pathways.
    if (PATHWAYS_WITH_FIRST_APPOINTMENT.has(o.pathway)) {
      const due = addCalendarDays(o.notifiedOn, rule.firstAppointmentDays);
      const fixed = facts.accompanimentAppointments.some((d) => d >= o.notifiedOn);
      if (!fixed && today > due)
        push(
          'no_first_appointment',
          due,
          (l) => `${oriented}, premier rendez-vous attendu le ${frenchDate(due)} (${l})`,
        );
    }

    // (b), (c) A contract counts when signed on or after the orientation's notice.
    const signedSince = facts.contracts.some((c) => c.signedOn !== null && c.signedOn >= o.notifiedOn);
    if (!signedSince) {
      if (rule.contractLegalMonths !== null) {
        const due = addCalendarMonths(o.notifiedOn, rule.contractLegalMonths);
        if (today > due)
          push(
            'no_contract_legal',
            due,
            (l) => `${oriented}, contrat à signer avant le ${frenchDate(due)} (${l})`,
          );
      }
      const due = addCalendarMonths(o.notifiedOn, rule.contractConventionMonths);
      if (today > due)
        push(
          'no_contract_convention',
          due,
          (l) => `${oriented}, objectif de signature le ${frenchDate(due)} (${l})`,
        );
    }

    // (f) Social pathway re-examined within 12 months.
    if (o.pathway === 'social') {
      const due = addCalendarMonths(o.notifiedOn, rule.socialReviewMonths);
      if (today > due)
        push(
          'social_review',
          due,
          (l) =>
            `parcours social depuis le ${frenchDate(o.notifiedOn)}, réexamen dû le ${frenchDate(due)} (${l})`,
        );
    }
  }

  const now = ruleInForce(rules, today);
  // (d) A contract in force ending within the window, not yet followed by another.
  for (const c of facts.contracts) {
    if (c.status !== 'in_force' || c.endDate < today) continue;
    if (daysBetween(today, c.endDate) > now.endingSoonDays || hasLaterSigned(facts.contracts, c)) continue;
    push(
      'contract_ending',
      c.endDate,
      (l) => `contrat en vigueur jusqu’au ${frenchDate(c.endDate)} (fin ${l})`,
    );
  }

  // (e) The latest contract expired (its end passed) and no contract signed after it.
  const expired = facts.contracts
    .filter((c) => (c.status === 'in_force' || c.status === 'ended') && c.endDate < today)
    .filter((c) => !hasLaterSigned(facts.contracts, c))
    .sort((a, b) => (a.endDate < b.endDate ? 1 : -1))[0];
  if (expired) {
    const current = facts.contracts.some((c) => c.status === 'in_force' && c.endDate >= today);
    if (!current)
      push(
        'contract_expired',
        expired.endDate,
        (l) => `contrat terminé le ${frenchDate(expired.endDate)} sans renouvellement (${l})`,
      );
  }

  // (g) Followed before the cutoff, still without a contract signed on or after it.
  if (facts.followedSince !== null && facts.followedSince < now.legacyCutoff) {
    const signed = facts.contracts.some((c) => c.signedOn !== null && c.signedOn >= now.legacyCutoff);
    if (!signed)
      push(
        'legacy_no_contract',
        now.legacyDeadline,
        (l) =>
          `suivi depuis le ${frenchDate(facts.followedSince as string)}, contrat d’engagement à signer avant le ${frenchDate(now.legacyDeadline)} (${l})`,
      );
  }
  return alerts;
}
