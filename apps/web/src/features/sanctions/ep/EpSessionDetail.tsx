import {
  allowedTargets,
  type EpSessionDetail,
  type EpSessionStatus,
  epSessionStatusLabels,
  epSessionWorkflow,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { call } from '../../../lib/client';
import { formatDate } from '../../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../../lib/forms';
import {
  Alert,
  Button,
  ErrorState,
  FormActions,
  FormAlert,
  Item,
  Loading,
  Section,
  TextField,
} from '../../../ui';
import { useActor } from '../../auth/session';
import { epRoutes, minutesHref, useEpMutation, useEpSession } from './api';
import { EpAgenda } from './EpAgenda';
import { EpMembers } from './EpMembers';

/** One session: what, where, when; its lifecycle actions, its members and its agenda. */
export function EpSessionDetailView({ id }: { id: string }) {
  const session = useEpSession(id);
  if (session.isPending) return <Loading label="Chargement de la séance…" />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  const s = session.data;
  return (
    <>
      <Section id="seance-ep" title={`Séance du ${formatDate(s.sessionDate)} à ${s.startTime}`}>
        <dl className="summary-list">
          <Item label="Pôle">{s.hubName}</Item>
          <Item label="Lieu">{s.place}</Item>
          <Item label="Statut">{epSessionStatusLabels[s.status]}</Item>
          {s.postponedFrom ? <Item label="Date initiale">{formatDate(s.postponedFrom)}</Item> : null}
          {s.statusReason ? <Item label="Motif">{s.statusReason}</Item> : null}
          {s.signedOn ? <Item label="Procès-verbal signé le">{formatDate(s.signedOn)}</Item> : null}
        </dl>
        {s.status === 'held' || s.status === 'closed' ? (
          <p>
            <a href={minutesHref(s.id)} target="_blank" rel="noreferrer">
              Procès-verbal de la séance (PDF)
            </a>
          </p>
        ) : null}
        <SessionActions session={s} />
      </Section>
      <EpMembers session={s} />
      <EpAgenda session={s} />
    </>
  );
}

/** The moves the workflow table allows this role from the session's status. */
function SessionActions({ session }: { session: EpSessionDetail }) {
  const actor = useActor();
  const [open, setOpen] = useState<EpSessionStatus | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const targets = allowedTargets(epSessionWorkflow, session.status, actor.role);
  const hold = useEpMutation(
    () => call(epRoutes.hold, { params: { id: session.id }, body: { version: session.version } }),
    () => setDone('La séance est tenue : enregistrez la présence des membres et les avis.'),
  );
  if (targets.length === 0) return done ? <Alert tone="success">{done}</Alert> : null;
  const labels: Record<EpSessionStatus, string> = {
    planned: '',
    held: 'La séance s’est tenue',
    postponed: 'Reporter la séance',
    cancelled: 'Annuler la séance',
    closed: 'Clore (procès-verbal signé)',
  };
  return (
    <div>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {hold.isError ? (
        <Alert tone="error" title="La séance n’a pas été marquée comme tenue">
          {errorsFromApi(hold.error).message}
        </Alert>
      ) : null}
      <div className="form-actions">
        {targets.map((t) => (
          <Button
            key={t}
            variant={t === 'cancelled' ? 'danger' : 'secondary'}
            pending={t === 'held' && hold.isPending}
            onClick={() => (t === 'held' ? hold.mutate(undefined) : setOpen(t))}
          >
            {labels[t]}
          </Button>
        ))}
      </div>
      {open && open !== 'held' ? (
        <MoveForm
          session={session}
          to={open}
          onDone={(message) => {
            setOpen(null);
            setDone(message);
          }}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}

function MoveForm({
  session,
  to,
  onDone,
  onCancel,
}: {
  session: EpSessionDetail;
  to: 'postponed' | 'cancelled' | 'closed' | 'planned';
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState(session.startTime);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const params = { id: session.id };
  const version = session.version;
  const mutation = useEpMutation(
    () =>
      to === 'postponed'
        ? call(epRoutes.postpone, { params, body: { version, sessionDate: date, startTime: time, reason } })
        : to === 'cancelled'
          ? call(epRoutes.cancel, { params, body: { version, reason } })
          : call(epRoutes.close, { params, body: { version, signedOn: date } }),
    () =>
      onDone(
        to === 'postponed'
          ? 'La séance est reportée.'
          : to === 'cancelled'
            ? 'La séance est annulée : ses dossiers peuvent être inscrits à une autre séance.'
            : 'Le procès-verbal est signé : la séance est close.',
      ),
  );
  const title =
    to === 'postponed' ? 'Reporter la séance' : to === 'cancelled' ? 'Annuler la séance' : 'Clore la séance';
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="mouvement-seance-ep"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['sessionDate', 'startTime', 'reason', 'signedOn']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="mouvement-seance-ep">{title}</h3>
      <FormAlert
        title="La séance n’a pas été modifiée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      {to === 'postponed' ? (
        <>
          <TextField
            label="Nouvelle date"
            type="date"
            value={date}
            onChange={setDate}
            error={errors.fields.sessionDate}
          />
          <TextField
            label="Heure"
            type="time"
            value={time}
            onChange={setTime}
            error={errors.fields.startTime}
          />
        </>
      ) : null}
      {to === 'closed' ? (
        <TextField
          label="Date de signature du procès-verbal"
          type="date"
          value={date}
          onChange={setDate}
          error={errors.fields.signedOn}
        />
      ) : (
        <TextField label="Motif" value={reason} onChange={setReason} error={errors.fields.reason} />
      )}
      <FormActions submitLabel={title} pending={mutation.isPending} onCancel={onCancel} />
    </form>
  );
}
