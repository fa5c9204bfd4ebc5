import type { BatchConvocationResult, QueueEntry } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { formatDateTime, plural } from '../../lib/format';
import { Alert, Button, Dialog, ErrorState, Loading, SelectField } from '../../ui';
import { personName } from '../persons/labels';
import { convokeBatch, queueKeys, useCollectiveSlots } from './queueApi';

/** Convenes the selected persons: one collective session for all, or the next individual slots. */
export function ConvokeDialog({
  open,
  entries,
  onClose,
  onDone,
}: {
  open: boolean;
  entries: QueueEntry[];
  onClose: () => void;
  onDone: (result: BatchConvocationResult) => void;
}) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'collective' | 'individual'>('collective');
  const [slotId, setSlotId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const slots = useCollectiveSlots(open);
  const enough = (slots.data ?? []).filter((s) => s.free >= entries.length);
  const convoke = useMutation({
    mutationFn: () =>
      convokeBatch({
        personIds: entries.map((e) => e.person.id),
        ...(mode === 'collective' ? { slotId } : { nextIndividualSlots: true as const }),
      }),
    onSuccess: async (done) => {
      setError(null);
      await queryClient.invalidateQueries({ queryKey: queueKeys.all });
      onDone(done);
    },
    onError: (err) => setError(errorMessage(err)),
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Convoquer ${plural(entries.length, 'personne', 'personnes')}`}
      description={<p>{entries.map((e) => personName(e.person)).join(', ')}</p>}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (mode === 'collective' && !slotId) {
            setError('Choisissez la réunion collective.');
            return;
          }
          convoke.mutate();
        }}
      >
        {error ? (
          <Alert tone="error" title="La convocation n’a pas été faite">
            <p>{error}</p>
          </Alert>
        ) : null}
        <fieldset className="fieldset">
          <legend>Rendez-vous</legend>
          <div className="checkbox">
            <input
              type="radio"
              id="mode-collective"
              name="mode"
              checked={mode === 'collective'}
              onChange={() => setMode('collective')}
            />
            <label htmlFor="mode-collective">Une réunion collective d’information</label>
          </div>
          <div className="checkbox">
            <input
              type="radio"
              id="mode-individual"
              name="mode"
              checked={mode === 'individual'}
              onChange={() => setMode('individual')}
            />
            <label htmlFor="mode-individual">
              Les prochains entretiens individuels libres (un par personne)
            </label>
          </div>
        </fieldset>
        {mode === 'collective' ? (
          slots.isPending ? (
            <Loading label="Chargement des réunions…" />
          ) : slots.isError ? (
            <ErrorState error={slots.error} onRetry={() => slots.refetch()} />
          ) : enough.length === 0 ? (
            <p>
              Aucune réunion collective à venir n’a assez de places pour {entries.length} personnes. Ouvrez-en
              une dans l’<Link to="/agenda">agenda</Link> ou choisissez des entretiens individuels.
            </p>
          ) : (
            <SelectField
              label="Réunion collective"
              value={slotId}
              onChange={setSlotId}
              placeholder="Choisir une réunion"
              options={enough.map((s) => ({
                value: s.id,
                label: `${formatDateTime(s.startsAt)} — ${s.place} (${plural(s.free, 'place libre', 'places libres')})`,
              }))}
            />
          )
        ) : null}
        <p className="muted">
          Un courrier est préparé pour chaque personne dont l’adresse est connue ; un e-mail et un SMS sont
          envoyés quand la personne les a acceptés.
        </p>
        <div className="form-actions">
          <Button type="submit" disabled={convoke.isPending}>
            {convoke.isPending ? 'Convocation en cours…' : 'Convoquer'}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose}>
            Annuler
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
