import { api, type Commune, type Hub } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../lib/api';
import { call } from '../../lib/client';
import { focusFirstInvalid } from '../../lib/forms';
import { Button, SelectField, VisuallyHidden } from '../../ui';
import { territoryKeys } from './api';

/** Inline form of a commune row: attach the commune to another pôle. */
export function MoveCommune({
  commune,
  hubs,
  onMoved,
}: {
  commune: Commune;
  hubs: Hub[];
  onMoved: (commune: Commune) => void;
}) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (hubId: string) =>
      call(api.territory.assignCommune, { params: { inseeCode: commune.inseeCode }, body: { hubId } }),
    onSuccess: async (updated) => {
      setTarget('');
      onMoved(updated);
      await queryClient.invalidateQueries({ queryKey: territoryKeys.all });
    },
  });

  const error = localError ?? (move.isError ? errorMessage(move.error) : undefined);

  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        if (!target) {
          setLocalError('Choisissez le pôle de destination.');
          focusFirstInvalid(event.currentTarget);
          return;
        }
        setLocalError(null);
        move.mutate(target);
      }}
    >
      <SelectField
        label={`Nouveau pôle pour ${commune.name}`}
        hideLabel
        value={target}
        onChange={(value) => {
          setTarget(value);
          setLocalError(null);
        }}
        placeholder="Choisir un pôle"
        options={hubs
          .filter((hub) => hub.id !== commune.hubId)
          .map((hub) => ({ value: hub.id, label: hub.name }))}
        error={error}
      />
      <Button type="submit" variant="secondary" size="sm" pending={move.isPending}>
        Déplacer<VisuallyHidden> {commune.name}</VisuallyHidden>
      </Button>
    </form>
  );
}
