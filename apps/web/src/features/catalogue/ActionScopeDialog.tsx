import {
  type ActionDetail,
  actionOperatorsInputSchema,
  actionTerritoriesInputSchema,
  api,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { call } from '../../lib/client';
import { emptyToNull, validate } from '../../lib/forms';
import {
  Button,
  Checkbox,
  Dialog,
  Fieldset,
  FormActions,
  LiveMessage,
  SelectField,
  TextField,
  useVersionedForm,
  VersionedFormAlerts,
} from '../../ui';
import { catalogueKeys, useCatalogueFilters } from './api';

interface TerritoryRow {
  key: string;
  lot: string;
  hubId: string;
  communeCode: string;
}

let keys = 0;
const rowOf = (t?: {
  lot: string | null;
  hubId: string | null;
  communeCode: string | null;
}): TerritoryRow => ({
  key: `t${++keys}`,
  lot: t?.lot ?? '',
  hubId: t?.hubId ?? '',
  communeCode: t?.communeCode ?? '',
});

/** The operators of an action and the pôles and communes it serves (none: the whole département). */
export function ActionScopeDialog({ action, onClose }: { action: ActionDetail; onClose: () => void }) {
  const queryClient = useQueryClient();
  const filters = useCatalogueFilters();
  const [message, setMessage] = useState<string | null>(null);
  const refetch = () => queryClient.refetchQueries({ queryKey: catalogueKeys.action(action.id) });
  const done = async (text: string) => {
    await queryClient.invalidateQueries({ queryKey: catalogueKeys.all });
    setMessage(text);
  };

  const opsForm = useVersionedForm(['structureIds']);
  const [operators, setOperators] = useState<string[]>(action.operators.map((o) => o.id));
  const saveOps = useMutation({
    mutationFn: (body: { structureIds: string[]; version: number }) =>
      call(api.catalogue.setOperators, { params: { id: action.id }, body }),
    onSuccess: () => done('Les opérateurs sont enregistrés.'),
    onError: opsForm.onSaveError,
  });

  const terrForm = useVersionedForm([]);
  const [rows, setRows] = useState<TerritoryRow[]>(action.territories.map(rowOf));
  const saveTerr = useMutation({
    mutationFn: (body: Parameters<typeof actionTerritoriesInputSchema.parse>[0]) =>
      call(api.catalogue.setTerritories, { params: { id: action.id }, body: body as never }),
    onSuccess: () => done('Les territoires sont enregistrés.'),
    onError: terrForm.onSaveError,
  });

  const hubOptions = (filters.data?.hubs ?? []).map((h) => ({ value: h.id, label: h.name }));
  const communeOptions = (filters.data?.communes ?? []).map((c) => ({ value: c.code, label: c.name }));

  return (
    <Dialog open size="lg" title={`Opérateurs et territoires de l’action ${action.code}`} onClose={onClose}>
      <LiveMessage>{message}</LiveMessage>
      <form
        ref={opsForm.formRef}
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          opsForm.send(
            validate(actionOperatorsInputSchema, { structureIds: operators, version: action.version }),
            saveOps.mutate,
          );
        }}
      >
        <VersionedFormAlerts
          title="Les opérateurs n’ont pas été enregistrés"
          form={opsForm}
          save={saveOps}
          refetch={refetch}
        />
        <Fieldset legend="Opérateurs">
          {(filters.data?.operators ?? []).map((o) => (
            <Checkbox
              key={o.id}
              label={o.name}
              checked={operators.includes(o.id)}
              onChange={(on) =>
                setOperators((ids) => (on ? [...ids, o.id] : ids.filter((id) => id !== o.id)))
              }
            />
          ))}
          {opsForm.errors.fields.structureIds ? (
            <p className="field__error">{opsForm.errors.fields.structureIds}</p>
          ) : null}
        </Fieldset>
        <FormActions submitLabel="Enregistrer les opérateurs" pending={saveOps.isPending} />
      </form>
      <form
        ref={terrForm.formRef}
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          terrForm.send(
            validate(actionTerritoriesInputSchema, {
              version: action.version,
              territories: rows.map((r) => ({
                lot: emptyToNull(r.lot),
                hubId: r.hubId || null,
                communeCode: r.communeCode || null,
              })),
            }),
            saveTerr.mutate,
          );
        }}
      >
        <VersionedFormAlerts
          title="Les territoires n’ont pas été enregistrés"
          form={terrForm}
          save={saveTerr}
          refetch={refetch}
        />
        <Fieldset legend="Lots et territoires">
          <p className="field__hint">Sans territoire, l’action couvre tout le département.</p>
          {rows.map((row, i) => {
            const n = i + 1;
            const patch = (p: Partial<TerritoryRow>) =>
              setRows((all) => all.map((r) => (r.key === row.key ? { ...r, ...p } : r)));
            return (
              <div key={row.key} className="form-grid">
                <TextField
                  label={`Lot du territoire ${n}`}
                  optional
                  value={row.lot}
                  onChange={(lot) => patch({ lot })}
                  maxLength={100}
                  error={terrForm.errors.fields[`territories.${i}.lot`]}
                />
                <SelectField
                  label={`Pôle du territoire ${n}`}
                  optional
                  value={row.hubId}
                  onChange={(hubId) => patch({ hubId })}
                  placeholder="Aucun pôle"
                  options={hubOptions}
                  error={terrForm.errors.fields[`territories.${i}.hubId`]}
                />
                <SelectField
                  label={`Commune du territoire ${n}`}
                  optional
                  value={row.communeCode}
                  onChange={(communeCode) => patch({ communeCode })}
                  placeholder="Aucune commune"
                  options={communeOptions}
                  error={terrForm.errors.fields[`territories.${i}.communeCode`]}
                />
                <Button
                  variant="tertiary"
                  size="sm"
                  onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                >
                  Retirer le territoire {n}
                </Button>
              </div>
            );
          })}
          <Button variant="secondary" size="sm" onClick={() => setRows((all) => [...all, rowOf()])}>
            Ajouter un territoire
          </Button>
        </Fieldset>
        <FormActions
          submitLabel="Enregistrer les territoires"
          pending={saveTerr.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
