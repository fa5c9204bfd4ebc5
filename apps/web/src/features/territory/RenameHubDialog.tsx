import { api, type Hub, hubUpdateSchema } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { call } from '../../lib/client';
import { validate } from '../../lib/forms';
import { Dialog, FormActions, TextField, useVersionedForm, VersionedFormAlerts } from '../../ui';
import { territoryKeys } from './api';

/** Renames a pôle, with the version check of the record. */
export function RenameHubDialog({
  hub,
  onClose,
  onDone,
}: {
  hub: Hub;
  onClose: () => void;
  onDone: (hub: Hub) => void;
}) {
  const queryClient = useQueryClient();
  const form = useVersionedForm(['name']);
  const [name, setName] = useState(hub.name);

  const rename = useMutation({
    mutationFn: (body: { name: string; version: number }) =>
      call(api.territory.renameHub, { params: { id: hub.id }, body }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: territoryKeys.all });
      onDone(updated);
    },
    onError: form.onSaveError,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.send(validate(hubUpdateSchema, { name, version: hub.version }), rename.mutate);
  }

  return (
    <Dialog open title={`Renommer le pôle ${hub.name}`} onClose={onClose}>
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <VersionedFormAlerts
          title="Le pôle n’a pas été renommé"
          form={form}
          save={rename}
          refetch={() => queryClient.refetchQueries({ queryKey: territoryKeys.hubs })}
        />
        <TextField
          label="Nom du pôle"
          value={name}
          onChange={setName}
          error={form.errors.fields.name}
          maxLength={120}
        />
        <FormActions submitLabel="Enregistrer" pending={rename.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
