import type { ReferentLoad } from '@parcours/contracts';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { type FormErrorState, type Validation, validate } from '../../lib/forms';
import { SelectField, TextAreaField } from '../../ui';
import { referentLabel } from './ReferentLoads';

/** The référent chosen among `referents` and whether `added` more persons take them over their cap. */
export function capOverrun(referents: readonly ReferentLoad[], referentId: string, added: number) {
  const referent = referents.find((r) => r.id === referentId);
  const after = referent ? referent.load + added : 0;
  return { referent, after, overCap: referent !== undefined && added > 0 && after > referent.cap };
}

/**
 * The form's values checked by its schema with the reason of the overrun (sent only over the cap),
 * then, over the cap, that reason required.
 */
export function validateWithOverCap<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
  overCap: boolean,
  overCapReason: string,
): Validation<z.output<S>> {
  const checked = validate(schema, { ...values, overCapReason: overCap ? overCapReason : undefined });
  if (!checked.ok || !overCap || overCapReason.trim()) return checked;
  return {
    ok: false,
    errors: {
      message: null,
      fields: { overCapReason: 'Le plafond est dépassé : le motif est obligatoire.' },
    },
  };
}

/**
 * The référent select (each one's load / cap, the proposed one marked) and, when the choice goes
 * over the cap, the field for the reason of the overrun. `children` stand between the two.
 */
export function ReferentCapFields({
  label,
  referents,
  referentId,
  onReferentChange,
  added,
  proposedId = null,
  hint,
  overCapReason,
  onOverCapReasonChange,
  errors,
  reasonClassName,
  children,
}: {
  label: string;
  referents: readonly ReferentLoad[];
  referentId: string;
  onReferentChange: (id: string) => void;
  /** How many persons the choice adds to the référent's portfolio. */
  added: number;
  proposedId?: string | null;
  hint?: ReactNode;
  overCapReason: string;
  onOverCapReasonChange: (text: string) => void;
  errors: FormErrorState;
  reasonClassName?: string;
  children?: ReactNode;
}) {
  const { referent, after, overCap } = capOverrun(referents, referentId, added);
  return (
    <>
      <SelectField
        label={label}
        value={referentId}
        onChange={onReferentChange}
        placeholder="Choisir un référent"
        error={errors.fields.referentId}
        hint={hint}
        options={referents.map((r) => ({
          value: r.id,
          label: `${referentLabel(r)} — ${r.load} / ${r.cap}${r.id === proposedId ? ' (proposé)' : ''}`,
        }))}
      />
      {children}
      {overCap && referent ? (
        <TextAreaField
          className={reasonClassName}
          label="Motif du dépassement du plafond"
          value={overCapReason}
          onChange={onOverCapReasonChange}
          error={errors.fields.overCapReason}
          hint={`Le portefeuille de ${referentLabel(referent)} passerait à ${after} personnes pour un plafond de ${referent.cap}.`}
        />
      ) : null}
    </>
  );
}
