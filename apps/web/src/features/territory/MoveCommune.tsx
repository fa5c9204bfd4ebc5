import { api, type Commune, type Hub } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../lib/api';
import { call } from '../../lib/client';
import { focusFirstInvalid } from '../../lib/forms';
import { Button, SelectField, VisuallyHidden } from '../../ui';
import { territoryKeys } from './api';
import { MoveCommuneConfirm } from './MoveCommuneConfirm';

/** Inline form of a commune row: attach the commune to another pôle, once confirmed. */
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
  const [confirming, setConfirming] = useState(false);
  const move = useMutation({
    mutationFn: (hubId: string) =>
      call(api.territory.assignCommune, { params: { inseeCode: commune.inseeCode }, body: { hubId } }),
    onSuccess: async (updated) => {
      setConfirming(false);
      setTarget('');
      onMoved(updated);
      await queryClient.invalidateQueries({ queryKey: territoryKeys.all });
    },
  });

  const error = localError ?? (move.isError && !confirming ? errorMessage(move.error) : undefined);
  const targetHub = hubs.find((hub) => hub.id === target);

  return (
    <>
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
          move.reset();
          setConfirming(true);
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
      {confirming && targetHub ? (
        <MoveCommuneConfirm
          commune={commune}
          hubId={targetHub.id}
          hubName={targetHub.name}
          pending={move.isPending}
          error={move.isError ? errorMessage(move.error) : null}
          onConfirm={() => move.mutate(targetHub.id)}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </>
  );
}
