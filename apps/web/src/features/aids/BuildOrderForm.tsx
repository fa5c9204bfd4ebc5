import { aidKindLabels, formatCents } from '@parcours/contracts';
import { useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import { Checkbox, EmptyState, Fieldset, FormActions, FormAlert, Loading, SelectField } from '../../ui';
import { useHubs } from '../territory/api';
import { buildPaymentOrder, useAidMutation, useAidQueue } from './api';

/** A new payment order from the validated aids: all of them (of a pôle, or of every pôle), or those ticked. */
export function BuildOrderForm({ onBuilt }: { onBuilt: (id: string, number: string) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const hubs = useHubs();
  const [hubId, setHubId] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const validated = useAidQueue('validated', hubId);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useAidMutation(buildPaymentOrder, (order) => {
    setErrors(noErrors);
    setPicked([]);
    onBuilt(order.id, order.number);
  });
  const items = validated.data?.items ?? [];
  return (
    <form
      ref={form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate(
          { hubId: hubId || null, aidIds: picked.length ? picked : null },
          {
            onError: (err) => {
              setErrors(errorsFromApi(err, ['hubId']));
              focusFirstInvalid(form.current);
            },
          },
        );
      }}
    >
      <FormAlert
        title="L’ordre de paiement n’a pas été établi"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Pôle de l’ordre"
        value={hubId}
        onChange={(v) => {
          setHubId(v);
          setPicked([]);
        }}
        error={errors.fields.hubId}
        placeholder="Tous les pôles"
        options={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
      />
      {validated.isPending ? (
        <Loading label="Chargement des aides validées…" />
      ) : items.length === 0 ? (
        <EmptyState title="Aucune aide validée à mettre en paiement." />
      ) : (
        <Fieldset legend="Aides validées (aucune cochée : toutes)">
          {items.map((a) => (
            <Checkbox
              key={a.id}
              label={`${a.personName} — ${aidKindLabels[a.kind]}, ${formatCents(a.amountCents)} (à ${a.payeeLabel})`}
              checked={picked.includes(a.id)}
              onChange={(on) => setPicked((p) => (on ? [...p, a.id] : p.filter((x) => x !== a.id)))}
            />
          ))}
        </Fieldset>
      )}
      <FormActions
        submitLabel={
          picked.length
            ? `Mettre en paiement ${picked.length} aide(s)`
            : 'Mettre en paiement toutes les aides validées'
        }
        pending={mutation.isPending}
      />
    </form>
  );
}
