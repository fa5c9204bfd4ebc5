import { z } from 'zod';
import {
  AID_AMOUNT_MAX_CENTS,
  type AidKind,
  aidKindSchema,
  aidKinds,
  aidSchema,
  aidStatuses,
  aidText,
} from './aid';
import { calendarDate, rowVersion } from './scalars';

/**
 * Individual aids, the money side: yearly envelopes per kind and pôle with their consumption, the
 * aids manager's queue, the ceilings per kind (dated rule set) and the payment orders.
 */

// ---- Envelopes --------------------------------------------------------------------------------------

export const aidYear = z.coerce
  .number({ message: 'Année : obligatoire.' })
  .int({ message: 'Année invalide.' })
  .min(2000, { message: 'Année invalide.' })
  .max(2100, { message: 'Année invalide.' });

/** Money of an envelope: what is committed (validated, in payment, paid) and what is asked. */
export const aidConsumptionSchema = z.object({
  envelopeId: z.string().nullable(),
  year: z.number(),
  kind: z.enum(aidKinds),
  hubId: z.uuid(),
  hubName: z.string(),
  /** Null when no envelope is open for this year, kind and pôle. */
  amountCents: z.number().nullable(),
  validatedCents: z.number(),
  orderedCents: z.number(),
  paidCents: z.number(),
  committedCents: z.number(),
  /** Requests awaiting a decision (not committed yet). */
  requestedCents: z.number(),
  remainingCents: z.number().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
  version: z.number().nullable(),
});
export type AidConsumption = z.infer<typeof aidConsumptionSchema>;

export const aidEnvelopesQuerySchema = z.object({ year: aidYear });
export const aidEnvelopesSchema = z.object({ year: z.number(), items: z.array(aidConsumptionSchema) });

export const aidEnvelopeInputSchema = z.object({
  year: aidYear,
  kind: aidKindSchema,
  hubId: z.uuid({ message: 'Pôle : obligatoire.' }),
  amountCents: z
    .number({ message: 'Montant : obligatoire.' })
    .int({ message: 'Montant invalide (en centimes).' })
    .min(0, { message: 'Montant : la valeur ne peut pas être négative.' })
    .max(100_000_000_000, { message: 'Montant : au plus 1 milliard d’euros.' }),
  reason: aidText('Motif de la modification', 300),
  /** The envelope's version when it exists (optimistic lock), null to open it. */
  version: rowVersion.nullish().transform((v) => v ?? null),
});
export type AidEnvelopeInput = z.infer<typeof aidEnvelopeInputSchema>;

// ---- Queue ------------------------------------------------------------------------------------------

export const aidQueueQuerySchema = z.object({
  status: z.enum(['requested', 'validated', 'ordered', 'paid', 'all']).default('requested'),
  hubId: z.uuid({ message: 'Pôle invalide.' }).optional(),
});
export const aidQueueItemSchema = aidSchema.extend({
  /** The envelope of the aid's year, kind and pôle, as it is now. */
  envelope: aidConsumptionSchema,
  /** The person's committed aids of this kind this year, and the yearly ceiling. */
  personYearCommittedCents: z.number(),
  ceilingPerAidCents: z.number(),
  ceilingPerPersonYearCents: z.number(),
});
export type AidQueueItem = z.infer<typeof aidQueueItemSchema>;
export const aidQueueSchema = z.object({ items: z.array(aidQueueItemSchema) });

// ---- Ceilings (dated rule set) ------------------------------------------------------------------------

const kindAmounts = z.object(
  Object.fromEntries(aidKinds.map((k) => [k, z.number()])) as Record<AidKind, z.ZodNumber>,
);
export const aidCeilingRuleSchema = z.object({
  effectiveFrom: z.string(),
  perAid: kindAmounts,
  perPersonYear: kindAmounts,
  source: z.string(),
  builtIn: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type AidCeilingRule = z.infer<typeof aidCeilingRuleSchema>;
export const aidCeilingsSchema = z.object({
  current: aidCeilingRuleSchema,
  rules: z.array(aidCeilingRuleSchema),
});
export type AidCeilings = z.infer<typeof aidCeilingsSchema>;

const ceilingAmounts = (label: string) =>
  z.object(
    Object.fromEntries(
      aidKinds.map((k) => [
        k,
        z
          .number({ message: `${label} : obligatoire.` })
          .int({ message: `${label} : montant invalide (en centimes).` })
          .min(1, { message: `${label} : le montant doit être supérieur à zéro.` })
          .max(AID_AMOUNT_MAX_CENTS, { message: `${label} : au plus 100 000 €.` }),
      ]),
    ) as Record<AidKind, z.ZodNumber>,
  );
export const aidCeilingInputSchema = z
  .object({
    effectiveFrom: calendarDate,
    perAid: ceilingAmounts('Plafond par aide'),
    perPersonYear: ceilingAmounts('Plafond par personne et par an'),
    source: z
      .string({ message: 'Indiquez la décision qui fixe ces plafonds.' })
      .trim()
      .min(3, { message: 'Indiquez la décision qui fixe ces plafonds.' })
      .max(300, { message: 'Au plus 300 caractères.' }),
  })
  .superRefine((v, ctx) => {
    for (const k of aidKinds)
      if (v.perAid[k] > v.perPersonYear[k])
        ctx.addIssue({
          code: 'custom',
          path: ['perAid', k],
          message: 'Le plafond par aide ne peut pas dépasser le plafond annuel par personne.',
        });
  });
export type AidCeilingInput = z.infer<typeof aidCeilingInputSchema>;

// ---- Payment orders ---------------------------------------------------------------------------------

export const paymentOrderBuildSchema = z.object({
  /** One pôle, or every pôle (null). */
  hubId: z
    .uuid({ message: 'Pôle invalide.' })
    .nullish()
    .transform((v) => v ?? null),
  /** The validated aids chosen; all the validated aids (of the pôle) when absent. */
  aidIds: z
    .array(z.uuid({ message: 'Aide invalide.' }))
    .max(2000, { message: 'Au plus 2 000 aides par ordre.' })
    .nullish()
    .transform((v) => v ?? null),
});
export type PaymentOrderBuild = z.infer<typeof paymentOrderBuildSchema>;

export const paymentOrderLineSchema = z.object({
  lineNo: z.number(),
  aidId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  kind: z.enum(aidKinds),
  hubCode: z.string(),
  hubName: z.string(),
  payeeLabel: z.string(),
  payeeReference: z.string().nullable(),
  amountCents: z.number(),
  status: z.enum(aidStatuses),
  paidOn: z.string().nullable(),
  paymentReference: z.string().nullable(),
  aidVersion: z.number(),
});
export const paymentOrderSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  orderedOn: z.string(),
  hubName: z.string().nullable(),
  lineCount: z.number(),
  totalCents: z.number(),
  paidCount: z.number(),
  cancelledCount: z.number(),
  createdByName: z.string().nullable(),
});
export type PaymentOrderSummary = z.infer<typeof paymentOrderSummarySchema>;
export const paymentOrderDetailSchema = paymentOrderSummarySchema.extend({
  lines: z.array(paymentOrderLineSchema),
  totalsByKind: z.array(z.object({ kind: z.enum(aidKinds), count: z.number(), totalCents: z.number() })),
});
export type PaymentOrderDetail = z.infer<typeof paymentOrderDetailSchema>;
export const paymentOrdersSchema = z.object({ items: z.array(paymentOrderSummarySchema) });

export const paymentOrderPaidSchema = z.object({
  paidOn: calendarDate,
  paymentReference: aidText('Référence du paiement', 100),
  /** The lines' aids to mark paid; every line still in payment when absent. */
  aidIds: z
    .array(z.uuid({ message: 'Aide invalide.' }))
    .max(2000)
    .nullish()
    .transform((v) => v ?? null),
});
export type PaymentOrderPaid = z.infer<typeof paymentOrderPaidSchema>;
