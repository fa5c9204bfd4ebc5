import { api, sasActiveStatuses, sasEnrolmentStatusLabels } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { call } from '../../../lib/client';
import { formatDate } from '../../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../../lib/forms';
import {
  Alert,
  ErrorState,
  FormActions,
  FormAlert,
  Loading,
  Section,
  SelectField,
  TextField,
} from '../../../ui';
import { useActor } from '../../auth/session';
import { useSasMutation, useSasSessions } from './api';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

/**
 * The SAS de rétablissement in a person's file: the suspension the person may ask reinstatement
 * from, their requests, and the request itself (placed at once in a session, or waiting for one).
 */
export function PersonSasSection({ personId }: { personId: string }) {
  const actor = useActor();
  // Kept here: the request form closes once the request is recorded, its outcome stays said.
  const [done, setDone] = useState<string | null>(null);
  const sas = useQuery({
    queryKey: ['sas', 'person', personId],
    queryFn: ({ signal }) => call(api.sas.ofPerson, { params: { id: personId }, signal }),
    enabled: actor.permissions.includes('sas.read'),
  });
  if (!actor.permissions.includes('sas.read')) return null;
  const active = sas.data?.enrolments.some((e) =>
    (sasActiveStatuses as readonly string[]).includes(e.status),
  );
  return (
    <Section id="sas-retablissement" title="SAS de rétablissement">
      {sas.isPending ? (
        <Loading label="Chargement…" />
      ) : sas.isError ? (
        <ErrorState error={sas.error} onRetry={() => sas.refetch()} />
      ) : (
        <>
          {done ? <Alert tone="success">{done}</Alert> : null}
          <p>
            {sas.data.suspension
              ? `Allocation suspendue${sas.data.suspension.percent ? ` à ${sas.data.suspension.percent} %` : ''} (décision du ${formatDate(sas.data.suspension.decidedOn)}) : la personne peut demander le rétablissement de ses droits.`
              : 'Pas d’allocation suspendue : le SAS de rétablissement ne la concerne pas.'}
          </p>
          {sas.data.enrolments.length ? (
            <ul>
              {sas.data.enrolments.map((e) => (
                <li key={e.id}>
                  {`Demande du ${formatDate(e.requestedOn)} : ${sasEnrolmentStatusLabels[e.status]}`}
                  {e.sessionLabel ? ` — ${e.sessionLabel}` : ''}
                  {e.reinstatedFrom ? ` (droits rétablis à compter du ${formatDate(e.reinstatedFrom)})` : ''}
                  {e.decisionReason ? ` : « ${e.decisionReason} »` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          {sas.data.suspension && !active && actor.permissions.includes('sas.manage') ? (
            <RequestForm personId={personId} onDone={setDone} />
          ) : null}
        </>
      )}
    </Section>
  );
}

function RequestForm({ personId, onDone }: { personId: string; onDone: (message: string | null) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const sessions = useSasSessions();
  const [requestedOn, setRequestedOn] = useState(today());
  const [sessionId, setSessionId] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const open = (sessions.data?.items ?? []).filter(
    (s) => s.status === 'open' && s.free > 0 && s.endDate >= today(),
  );
  const mutation = useSasMutation(
    () =>
      call(api.sas.request, {
        params: { id: personId },
        body: { requestedOn, sessionId: sessionId || null },
      }),
    sessionId,
    (e) =>
      onDone(e.status === 'enrolled' ? 'La personne est inscrite dans la session.' : 'Demande enregistrée.'),
  );
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="demande-sas"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        onDone(null);
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['requestedOn', 'sessionId']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="demande-sas">Demande de rétablissement</h3>
      <FormAlert
        title="La demande n’a pas été enregistrée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <TextField
        label="Date de la demande"
        type="date"
        value={requestedOn}
        onChange={setRequestedOn}
        error={errors.fields.requestedOn}
      />
      <SelectField
        label="Session"
        value={sessionId}
        onChange={setSessionId}
        placeholder="En attente d’une session"
        options={open.map((s) => ({
          value: s.id,
          label: `${s.label} — du ${formatDate(s.startDate)} au ${formatDate(s.endDate)} (${s.free} place(s))`,
        }))}
        error={errors.fields.sessionId}
      />
      <FormActions submitLabel="Enregistrer la demande" pending={mutation.isPending} />
    </form>
  );
}
