import { z } from 'zod';
import { rowVersion } from './scalars';
import { defineWorkflow } from './workflow';

/**
 * Individual aids within a contract of engagement (SPEC §7, issue 12 point 6): the eight kinds of
 * the département's offer (seed 000), requested by the référent, validated by the aids manager
 * within the ceilings per kind (dated rule set) and the yearly envelope of the kind and pôle, put
 * in a payment order exported to the finance system, then paid. Amounts are in cents.
 */

export const aidKinds = [
  'meals',
  'travel',
  'accommodation',
  'childcare',
  'work_equipment',
  'exam_registration',
  'health_contract',
  'driving_licence',
] as const;
export const aidKindLabels: Record<AidKind, string> = {
  meals: 'Aide aux repas',
  travel: 'Aide aux déplacements',
  accommodation: 'Aide à l’hébergement',
  childcare: 'Aide aux frais de garde d’enfants et de cantine',
  work_equipment: 'Aide à l’équipement, à la vêture et au matériel professionnels',
  exam_registration: 'Aide à l’inscription à un concours administratif ou à une formation qualifiante',
  health_contract: 'Aide liée à un contrat portant sur la santé',
  driving_licence: 'Aide à l’obtention du permis de conduire',
};
export const aidKindSchema = z.enum(aidKinds, {
  error: (issue) =>
    issue.input === undefined || issue.input === ''
      ? 'Nature de l’aide : obligatoire.'
      : 'Nature d’aide inconnue.',
});
export type AidKind = (typeof aidKinds)[number];

export const aidStatuses = [
  'requested',
  'validated',
  'rejected',
  'withdrawn',
  'cancelled',
  'ordered',
  'paid',
] as const;
export type AidStatus = (typeof aidStatuses)[number];
export const aidStatusLabels: Record<AidStatus, string> = {
  requested: 'Demandée',
  validated: 'Validée',
  rejected: 'Refusée',
  withdrawn: 'Demande retirée',
  cancelled: 'Annulée',
  ordered: 'En paiement',
  paid: 'Payée',
};
/** Statuses that consume the envelope and the yearly ceiling of a person (committed money). */
export const committedAidStatuses = ['validated', 'ordered', 'paid'] as const satisfies readonly AidStatus[];

/**
 * An aid's lifecycle. The référent withdraws a request not decided yet; the aids manager validates
 * or refuses it, and may cancel a validated or ordered aid (undo, with a reason). `ordered` is
 * reached when the aid enters a payment order, `paid` when the order (or its line) is paid. A paid
 * aid is final: a sum recovered afterwards is the finance system's (titre de recette), not a move.
 */
export const aidWorkflow = defineWorkflow({
  name: 'individual-aid',
  statuses: aidStatuses,
  transitions: {
    validated: {
      from: ['requested'],
      permission: 'aid.manage',
      refused: 'Seule une demande en attente peut être validée.',
    },
    rejected: {
      from: ['requested'],
      permission: 'aid.manage',
      refused: 'Seule une demande en attente peut être refusée.',
    },
    withdrawn: {
      from: ['requested'],
      permission: 'aid.request',
      refused: 'Seule une demande pas encore décidée peut être retirée.',
    },
    cancelled: {
      from: ['validated', 'ordered'],
      permission: 'aid.manage',
      refused: 'Seule une aide validée ou en paiement peut être annulée.',
    },
    ordered: {
      from: ['validated'],
      permission: 'aid.manage',
      refused: 'Seule une aide validée peut être mise en paiement.',
    },
    paid: {
      from: ['ordered'],
      permission: 'aid.manage',
      refused: 'Seule une aide en paiement peut être marquée payée.',
    },
  },
});

// ---- Amounts --------------------------------------------------------------------------------------

/** The largest amount accepted anywhere (100 000 €): beyond, a typo. */
export const AID_AMOUNT_MAX_CENTS = 10_000_000;

const NBSP = '\u00a0';
/** « 1 234,56 € » (no-break spaces) from cents, negative amounts with a minus sign. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')}${NBSP}€`;
}

/** Cents from what an agent types (« 1 234,56 », « 150 », « 12.5 »), or null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

export const aidAmountCents = (label: string) =>
  z
    .number({ message: `${label} : obligatoire.` })
    .int({ message: `${label} : montant invalide (en centimes).` })
    .min(1, { message: `${label} : le montant doit être supérieur à zéro.` })
    .max(AID_AMOUNT_MAX_CENTS, { message: `${label} : au plus 100 000 €.` });

export const aidText = (label: string, max: number) =>
  z
    .string({ message: `${label} : obligatoire.` })
    .trim()
    .min(1, { message: `${label} : obligatoire.` })
    .max(max, { message: `${label} : ${max} caractères au maximum.` });
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} : ${max} caractères au maximum.` })
    .nullish()
    .transform((v) => (v ? v : null));

// ---- Request ----------------------------------------------------------------------------------------

export const aidPayeeKinds = ['person', 'third_party'] as const;
export const aidPayeeKindLabels: Record<(typeof aidPayeeKinds)[number], string> = {
  person: 'La personne',
  third_party: 'Un tiers (auto-école, organisme de formation, fournisseur…)',
};

/**
 * A request. The payee is a label and a reference (invoice, quote, file number): no bank details
 * are kept — the finance system holds the payees' IBAN. When the person is paid, the label is
 * their name, filled in by the server.
 */
export const aidRequestSchema = z
  .object({
    contractId: z.uuid({ message: 'Contrat : obligatoire.' }),
    kind: aidKindSchema,
    amountCents: aidAmountCents('Montant'),
    purpose: aidText('Objet de l’aide', 500),
    planStepId: z
      .uuid({ message: 'Étape invalide.' })
      .nullish()
      .transform((v) => v ?? null),
    payeeKind: z.enum(aidPayeeKinds, { message: 'Bénéficiaire du paiement : obligatoire.' }),
    payeeLabel: optionalText('Nom du tiers', 200),
    payeeReference: optionalText('Référence', 100),
  })
  .superRefine((v, ctx) => {
    if (v.payeeKind === 'third_party' && !v.payeeLabel)
      ctx.addIssue({ code: 'custom', path: ['payeeLabel'], message: 'Nom du tiers : obligatoire.' });
  });
export type AidRequest = z.infer<typeof aidRequestSchema>;

export const aidSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  /** « NOM Prénom » of the person. */
  personName: z.string(),
  contractId: z.uuid(),
  contractStartDate: z.string(),
  contractEndDate: z.string(),
  kind: z.enum(aidKinds),
  amountCents: z.number(),
  purpose: z.string(),
  planStepId: z.string().nullable(),
  planStepLabel: z.string().nullable(),
  payeeKind: z.enum(aidPayeeKinds),
  payeeLabel: z.string(),
  payeeReference: z.string().nullable(),
  hubId: z.uuid(),
  hubName: z.string(),
  requestedOn: z.string(),
  requestedByName: z.string().nullable(),
  status: z.enum(aidStatuses),
  statusReason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  paymentOrderId: z.string().nullable(),
  paymentOrderNumber: z.string().nullable(),
  paidOn: z.string().nullable(),
  paymentReference: z.string().nullable(),
  version: z.number(),
});
export type Aid = z.infer<typeof aidSchema>;

/** A contract the référent may attach an aid to (signed or in force), with its plan's steps. */
export const aidContractSchema = z.object({
  id: z.uuid(),
  status: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  steps: z.array(z.object({ id: z.uuid(), label: z.string() })),
});

export const personAidsSchema = z.object({
  items: z.array(aidSchema),
  contracts: z.array(aidContractSchema),
});
export type PersonAids = z.infer<typeof personAidsSchema>;

// ---- Decisions --------------------------------------------------------------------------------------

export const aidDecisionSchema = z
  .object({
    to: z.enum(['validated', 'rejected', 'cancelled'], { message: 'Décision inconnue.' }),
    version: rowVersion,
    reason: optionalText('Motif', 500),
  })
  .superRefine((v, ctx) => {
    if (v.to !== 'validated' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Motif : obligatoire.' });
  });
export type AidDecision = z.infer<typeof aidDecisionSchema>;

export const aidWithdrawSchema = z.object({ version: rowVersion });
