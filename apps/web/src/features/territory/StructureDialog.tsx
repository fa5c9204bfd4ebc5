import {
  api,
  type Commune,
  type Hub,
  type Structure,
  type StructureInput,
  structureInputSchema,
  structureUpdateSchema,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { call } from '../../lib/client';
import { emptyToNull, validate } from '../../lib/forms';
import {
  Checkbox,
  Dialog,
  FormActions,
  SelectField,
  TextField,
  useVersionedForm,
  VersionedFormAlerts,
} from '../../ui';
import { territoryKeys } from './api';
import {
  OpeningHoursFields,
  openingHoursFields,
  useOpeningHours,
  withOpeningHours,
} from './OpeningHoursFields';
import { kindOptions } from './structureKinds';

const structureFields = [
  'kind',
  'name',
  'hubId',
  'communeCode',
  'address',
  'email',
  'phone',
  'active',
] as const;

/** Creates a structure (`structure` null) or edits one, with the version check of the record. */
export function StructureDialog({
  structure,
  hubs,
  communes,
  onClose,
  onSaved,
}: {
  structure: Structure | null;
  hubs: Hub[];
  communes: Commune[];
  onClose: () => void;
  onSaved: (structure: Structure, created: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const form = useVersionedForm([...structureFields, ...openingHoursFields]);
  const hours = useOpeningHours(structure?.openingHours ?? null);
  const [values, setValues] = useState({
    kind: structure?.kind ?? '',
    name: structure?.name ?? '',
    hubId: structure?.hubId ?? '',
    communeCode: structure?.communeCode ?? '',
    address: structure?.address ?? '',
    email: structure?.email ?? '',
    phone: structure?.phone ?? '',
    active: structure?.active ?? true,
  });
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const errors = form.errors;

  const save = useMutation({
    mutationFn: (body: StructureInput & { version?: number }) =>
      structure
        ? call(api.territory.updateStructure, {
            params: { id: structure.id },
            body: { ...body, version: body.version ?? structure.version },
          })
        : call(api.territory.createStructure, { body }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: territoryKeys.all });
      onSaved(saved, !structure);
    },
    onError: form.onSaveError,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = {
      kind: values.kind || undefined,
      name: values.name,
      hubId: values.hubId || null,
      communeCode: values.communeCode || null,
      address: emptyToNull(values.address),
      email: emptyToNull(values.email),
      phone: emptyToNull(values.phone),
      active: values.active,
    };
    const result = structure
      ? validate(structureUpdateSchema, { ...input, version: structure.version })
      : validate(structureInputSchema, input);
    if (!result.ok && !values.kind) result.errors.fields.kind = 'Choisissez le type de structure.';
    form.send(withOpeningHours<StructureInput>(result, hours.read()), save.mutate);
  }

  return (
    <Dialog
      open
      size="lg"
      title={structure ? `Modifier la structure ${structure.name}` : 'Créer une structure'}
      onClose={onClose}
    >
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <p className="form-note">Les champs sans mention « facultatif » sont obligatoires.</p>
        <VersionedFormAlerts
          title="La structure n’a pas été enregistrée"
          form={form}
          save={save}
          refetch={() => queryClient.refetchQueries({ queryKey: ['territory', 'structures'] })}
        />
        <div className="form-grid">
          <SelectField
            label="Type de structure"
            value={values.kind}
            onChange={(value) => set('kind', value)}
            placeholder="Choisir un type"
            options={kindOptions}
            error={errors.fields.kind}
          />
          <TextField
            label="Nom de la structure"
            value={values.name}
            onChange={(value) => set('name', value)}
            error={errors.fields.name}
            maxLength={200}
          />
          <SelectField
            label="Pôle d’insertion"
            optional
            value={values.hubId}
            onChange={(value) => set('hubId', value)}
            placeholder="Aucun pôle"
            options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
            error={errors.fields.hubId}
          />
          <SelectField
            label="Commune"
            optional
            value={values.communeCode}
            onChange={(value) => set('communeCode', value)}
            placeholder="Non renseignée"
            options={communes.map((c) => ({ value: c.inseeCode, label: `${c.name} (${c.inseeCode})` }))}
            error={errors.fields.communeCode}
          />
          <TextField
            label="Adresse postale"
            optional
            autoComplete="off"
            value={values.address}
            onChange={(value) => set('address', value)}
            error={errors.fields.address}
            maxLength={300}
            className="form-grid__wide"
          />
          <TextField
            label="E-mail de contact"
            optional
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={(value) => set('email', value)}
            error={errors.fields.email}
          />
          <TextField
            label="Téléphone"
            optional
            type="tel"
            autoComplete="off"
            hint="Par exemple : 04 13 31 13 13"
            value={values.phone}
            onChange={(value) => set('phone', value)}
            error={errors.fields.phone}
          />
        </div>
        <OpeningHoursFields hours={hours} errors={errors.fields} />
        <Checkbox
          label="Structure active"
          hint="Une structure inactive n’est plus proposée lors de la création des comptes."
          checked={values.active}
          onChange={(checked) => set('active', checked)}
          error={errors.fields.active}
        />
        <FormActions
          submitLabel={structure ? 'Enregistrer les modifications' : 'Créer la structure'}
          pending={save.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
