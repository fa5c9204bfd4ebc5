import { type EpSession, epSessionStatusLabels, roleScopeKind } from '@parcours/contracts';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../../lib/forms';
import {
  Button,
  EmptyState,
  ErrorState,
  FormActions,
  FormAlert,
  Loading,
  PageHeader,
  SelectField,
  Table,
  TextField,
} from '../../../ui';
import { useActor } from '../../auth/session';
import { useHubs } from '../../territory/api';
import { SanctionsNav } from '../SanctionsNav';
import { createEpSession, useEpMutation, useEpSessions } from './api';
import { EpSessionDetailView } from './EpSessionDetail';

/**
 * The EP sessions of a pôle (issue 14 point 4): the monthly sessions of the équipe
 * pluridisciplinaire, a new session, and the chosen session's members, agenda and opinions.
 */
export function EpSessionsPage() {
  const actor = useActor();
  const byHub = roleScopeKind[actor.role] === 'hub';
  const [hubId, setHubId] = useState('');
  const [params, setParams] = useSearchParams();
  const selected = params.get('seance') ?? '';
  const hubs = useHubs();
  const sessions = useEpSessions(hubId);
  const open = (id: string) => setParams(id ? { seance: id } : {});
  return (
    <>
      <PageHeader
        title="Équipes pluridisciplinaires"
        description={
          <p>
            Les séances mensuelles de l’équipe pluridisciplinaire de chaque pôle : membres, ordre du jour des
            dossiers soumis à son avis, avis rendus et procès-verbal. Une radiation n’est décidée qu’après
            l’avis de l’équipe (avis simple : le président décide, favorable ou non).
          </p>
        }
      />
      <SanctionsNav />
      {byHub ? null : (
        <SelectField
          label="Pôle"
          value={hubId}
          onChange={setHubId}
          placeholder="Tous les pôles"
          options={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
        />
      )}
      {selected ? (
        <>
          <Button variant="tertiary" onClick={() => open('')}>
            Retour à la liste des séances
          </Button>
          <EpSessionDetailView id={selected} />
        </>
      ) : (
        <>
          {sessions.isPending ? (
            <Loading label="Chargement des séances…" />
          ) : sessions.isError ? (
            <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
          ) : sessions.data.items.length === 0 ? (
            <EmptyState title="Aucune séance prévue." />
          ) : (
            <Table<EpSession>
              caption={`${sessions.data.items.length} séance(s)`}
              rows={sessions.data.items}
              rowKey={(s) => s.id}
              columns={[
                {
                  key: 'date',
                  header: 'Séance',
                  rowHeader: true,
                  nowrap: true,
                  render: (s) => (
                    <Button variant="tertiary" size="sm" onClick={() => open(s.id)}>
                      {`${formatDate(s.sessionDate)} à ${s.startTime}`}
                    </Button>
                  ),
                },
                { key: 'hub', header: 'Pôle', render: (s) => s.hubName },
                { key: 'place', header: 'Lieu', render: (s) => s.place },
                { key: 'status', header: 'Statut', render: (s) => epSessionStatusLabels[s.status] },
                { key: 'items', header: 'Dossiers', render: (s) => String(s.itemCount) },
              ]}
            />
          )}
          {actor.permissions.includes('ep.manage') ? (
            <NewSessionForm
              hubOptions={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
              ownHub={byHub ? (actor.hubId ?? '') : null}
              onCreated={open}
            />
          ) : null}
        </>
      )}
    </>
  );
}

function NewSessionForm({
  hubOptions,
  ownHub,
  onCreated,
}: {
  hubOptions: { value: string; label: string }[];
  ownHub: string | null;
  onCreated: (id: string) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [hubId, setHubId] = useState(ownHub ?? '');
  const [sessionDate, setSessionDate] = useState('');
  const [startTime, setStartTime] = useState('09:30');
  const [place, setPlace] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useEpMutation(
    () => createEpSession({ hubId: ownHub ?? hubId, sessionDate, startTime, place }),
    (d) => onCreated(d.id),
  );
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="nouvelle-seance-ep"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['hubId', 'sessionDate', 'startTime', 'place']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h2 id="nouvelle-seance-ep">Prévoir une séance</h2>
      <FormAlert
        title="La séance n’a pas été créée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      {ownHub === null ? (
        <SelectField
          label="Pôle"
          value={hubId}
          onChange={setHubId}
          placeholder="Choisir…"
          options={hubOptions}
          error={errors.fields.hubId}
        />
      ) : null}
      <TextField
        label="Date"
        type="date"
        value={sessionDate}
        onChange={setSessionDate}
        error={errors.fields.sessionDate}
      />
      <TextField
        label="Heure"
        type="time"
        value={startTime}
        onChange={setStartTime}
        error={errors.fields.startTime}
      />
      <TextField label="Lieu" value={place} onChange={setPlace} error={errors.fields.place} />
      <FormActions submitLabel="Créer la séance" pending={mutation.isPending} />
    </form>
  );
}
