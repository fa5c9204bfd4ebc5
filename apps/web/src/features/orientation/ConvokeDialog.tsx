import type { BatchConvocationResult, LateConvocation, QueueEntry } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { formatDateTime, plural } from '../../lib/format';
import { Alert, Button, Dialog, ErrorState, Loading, SelectField, TextField } from '../../ui';
import { personName } from '../persons/labels';
import { ConvokeReach } from './ConvokeReach';
import { parisInstantIso, proposedStart } from './convokeDates';
import { convokeBatch, queueKeys, useCollectiveSlots, useConvocationPreview } from './queueApi';

type Mode = 'collective' | 'individual';

/**
 * Convenes the selected persons on a date the agent chooses — a collective session, or individual
 * interviews from a date and time — showing who can be reached in time by which channel.
 */
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
  const [mode, setMode] = useState<Mode>('individual');
  const [slotId, setSlotId] = useState('');
  const [start, setStart] = useState<{ date: string; time: string } | null>(null);
  const [late, setLate] = useState<LateConvocation>('refuse');
  const [error, setError] = useState<string | null>(null);
  const slots = useCollectiveSlots(open);
  const preview = useConvocationPreview(
    entries.map((e) => e.person.id),
    open,
  );
  const earliestForAll = preview.data?.earliestForAll ?? null;
  // The proposed date: the earliest appointment every person can be reached in time for.
  useEffect(() => {
    if (open && preview.isSuccess && start === null) setStart(proposedStart(earliestForAll));
  }, [open, preview.isSuccess, earliestForAll, start]);
  useEffect(() => {
    if (!open) {
      setStart(null);
      setError(null);
    }
  }, [open]);

  const enough = (slots.data ?? []).filter((s) => s.free >= entries.length);
  const chosenAt =
    mode === 'collective'
      ? (enough.find((s) => s.id === slotId)?.startsAt ?? null)
      : start
        ? parisInstantIso(start.date, start.time)
        : null;
  const tooLate = chosenAt
    ? (preview.data?.persons ?? []).filter(
        (p) => p.earliestAt && Date.parse(p.earliestAt) > Date.parse(chosenAt),
      )
    : [];

  const convoke = useMutation({
    mutationFn: () =>
      convokeBatch({
        personIds: entries.map((e) => e.person.id),
        late,
        ...(mode === 'collective'
          ? { slotId }
          : { nextIndividualSlots: true as const, notBefore: chosenAt ?? undefined }),
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
      size="lg"
      title={`Convoquer ${plural(entries.length, 'personne', 'personnes')}`}
      description={<p>{entries.map((e) => personName(e.person)).join(', ')}</p>}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (mode === 'collective' && !slotId) return setError('Choisissez la réunion collective.');
          if (mode === 'individual' && !chosenAt) return setError('Indiquez une date et une heure valides.');
          convoke.mutate();
        }}
      >
        {error ? (
          <Alert tone="error" title="La convocation n’a pas été faite">
            <p>{error}</p>
          </Alert>
        ) : null}
        <h3>Moyens de prévenir chaque personne</h3>
        {preview.isPending ? (
          <Loading label="Calcul des délais…" />
        ) : preview.isError ? (
          <ErrorState error={preview.error} onRetry={() => preview.refetch()} />
        ) : (
          <ConvokeReach preview={preview.data} />
        )}
        <fieldset className="fieldset">
          <legend>Date du rendez-vous</legend>
          <div className="checkbox">
            <input
              type="radio"
              id="mode-individual"
              name="mode"
              checked={mode === 'individual'}
              onChange={() => setMode('individual')}
            />
            <label htmlFor="mode-individual">Des entretiens individuels (un par personne) à partir du…</label>
          </div>
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
        </fieldset>
        {mode === 'individual' ? (
          <div className="form-grid">
            <TextField
              label="Date"
              type="date"
              value={start?.date ?? ''}
              onChange={(date) => setStart({ date, time: start?.time ?? '09:00' })}
              hint={earliestForAll ? `Au plus tôt pour tous : ${formatDateTime(earliestForAll)}` : undefined}
            />
            <TextField
              label="Heure"
              type="time"
              value={start?.time ?? ''}
              onChange={(time) => setStart({ date: start?.date ?? '', time })}
            />
          </div>
        ) : slots.isPending ? (
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
        )}
        {tooLate.length > 0 ? (
          <Alert
            tone="warning"
            title={`${plural(tooLate.length, 'personne', 'personnes')} ne peu${tooLate.length > 1 ? 'vent' : 't'} pas être prévenue${tooLate.length > 1 ? 's' : ''} à temps pour cette date`}
          >
            <p>
              {tooLate
                .map((p) => `${p.name} (rendez-vous possible dès le ${formatDateTime(p.earliestAt)})`)
                .join(', ')}
            </p>
          </Alert>
        ) : null}
        <fieldset className="fieldset">
          <legend>Personnes qui ne peuvent pas être prévenues à temps</legend>
          <div className="checkbox">
            <input
              type="radio"
              id="late-refuse"
              name="late"
              checked={late === 'refuse'}
              onChange={() => setLate('refuse')}
            />
            <label htmlFor="late-refuse">Ne convoquer personne et me les signaler</label>
          </div>
          <div className="checkbox">
            <input
              type="radio"
              id="late-move"
              name="late"
              checked={late === 'move'}
              onChange={() => setLate('move')}
            />
            <label htmlFor="late-move">Leur donner le premier entretien individuel possible</label>
          </div>
        </fieldset>
        <p className="muted">
          Chaque personne est prévenue par les moyens qui arrivent à temps : courrier quand l’adresse est
          connue, e-mail et SMS quand elle les a acceptés. Les courriers sont à imprimer et à poster depuis «
          Courriers à poster ».
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
