import {
  type AidKind,
  aidKindLabels,
  aidKinds,
  aidRequestSchema,
  type ContractStatus,
  formatCents,
  type PersonAids,
  parseEuros,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { formatDate } from '../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { FormActions, FormAlert, SelectField, TextAreaField, TextField } from '../../ui';
import { contractStatusLabel } from '../contracts/labels';
import { requestAid, useAidCeilings, useAidMutation } from './api';

const shown = [
  'contractId',
  'kind',
  'amountCents',
  'purpose',
  'planStepId',
  'payeeKind',
  'payeeLabel',
  'payeeReference',
] as const;

/** The référent's request of an aid on a signed or in-force contract of the person. */
export function AidRequestForm({
  personId,
  contracts,
  onDone,
}: {
  personId: string;
  contracts: PersonAids['contracts'];
  onDone: (message: string) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const ceilings = useAidCeilings();
  const [v, setV] = useState({
    contractId: contracts[0]?.id ?? '',
    kind: '',
    amount: '',
    purpose: '',
    planStepId: '',
    payeeKind: 'person',
    payeeLabel: '',
    payeeReference: '',
  });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const set = (key: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [key]: value }));
  const mutation = useAidMutation(
    (input: Parameters<typeof requestAid>[1]) => requestAid(personId, input),
    (aid) => {
      setErrors(noErrors);
      setV((s) => ({
        ...s,
        kind: '',
        amount: '',
        purpose: '',
        planStepId: '',
        payeeLabel: '',
        payeeReference: '',
      }));
      onDone(`Aide demandée : ${aidKindLabels[aid.kind]}, ${formatCents(aid.amountCents)}.`);
    },
  );
  const contract = contracts.find((c) => c.id === v.contractId);
  const rule = ceilings.data?.current;
  const kind = v.kind as AidKind;
  return (
    <form
      ref={form}
      noValidate
      aria-labelledby="demande-aide-titre"
      onSubmit={(e) => {
        e.preventDefault();
        const cents = v.amount.trim() === '' ? undefined : (parseEuros(v.amount) ?? Number.NaN);
        const checked = validate(aidRequestSchema, {
          contractId: v.contractId || undefined,
          kind: v.kind || undefined,
          amountCents: cents,
          purpose: v.purpose,
          planStepId: v.planStepId || null,
          payeeKind: v.payeeKind,
          payeeLabel: v.payeeKind === 'third_party' ? v.payeeLabel : null,
          payeeReference: v.payeeReference || null,
        });
        if (!checked.ok) {
          setErrors(checked.errors);
          focusFirstInvalid(form.current);
          return;
        }
        mutation.mutate(checked.data, {
          onError: (err) => {
            setErrors(errorsFromApi(err, shown));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="demande-aide-titre">Demander une aide</h3>
      <FormAlert
        title="L’aide n’a pas été demandée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Contrat"
        value={v.contractId}
        onChange={(value) => setV((s) => ({ ...s, contractId: value, planStepId: '' }))}
        error={errors.fields.contractId}
        options={contracts.map((c) => ({
          value: c.id,
          label: `Contrat du ${formatDate(c.startDate)} au ${formatDate(c.endDate)} (${contractStatusLabel(c.status as ContractStatus)})`,
        }))}
      />
      <SelectField
        label="Nature de l’aide"
        value={v.kind}
        onChange={set('kind')}
        error={errors.fields.kind}
        placeholder="Choisir la nature de l’aide"
        options={aidKinds.map((k) => ({ value: k, label: aidKindLabels[k] }))}
        hint={
          rule && v.kind
            ? `Plafonds en vigueur : ${formatCents(rule.perAid[kind])} par aide, ${formatCents(rule.perPersonYear[kind])} par personne et par an.`
            : undefined
        }
      />
      <TextField
        label="Montant (€)"
        inputMode="decimal"
        value={v.amount}
        onChange={set('amount')}
        error={errors.fields.amountCents}
        hint="Par exemple : 450 ou 1 234,56"
      />
      <TextAreaField
        label="Objet de l’aide"
        value={v.purpose}
        onChange={set('purpose')}
        error={errors.fields.purpose}
      />
      {contract && contract.steps.length > 0 ? (
        <SelectField
          label="Étape du plan concernée"
          optional
          value={v.planStepId}
          onChange={set('planStepId')}
          error={errors.fields.planStepId}
          placeholder="Aucune étape en particulier"
          options={contract.steps.map((s) => ({ value: s.id, label: s.label }))}
        />
      ) : null}
      <SelectField
        label="Paiement à"
        value={v.payeeKind}
        onChange={set('payeeKind')}
        error={errors.fields.payeeKind}
        options={[
          { value: 'person', label: 'La personne' },
          { value: 'third_party', label: 'Un tiers (auto-école, organisme, fournisseur…)' },
        ]}
      />
      {v.payeeKind === 'third_party' ? (
        <TextField
          label="Nom du tiers"
          value={v.payeeLabel}
          onChange={set('payeeLabel')}
          error={errors.fields.payeeLabel}
        />
      ) : null}
      <TextField
        label="Référence (devis, facture)"
        optional
        value={v.payeeReference}
        onChange={set('payeeReference')}
        error={errors.fields.payeeReference}
        hint="Les coordonnées bancaires ne sont pas saisies ici : le service financier les détient."
      />
      <FormActions submitLabel="Demander l’aide" pending={mutation.isPending} />
    </form>
  );
}
