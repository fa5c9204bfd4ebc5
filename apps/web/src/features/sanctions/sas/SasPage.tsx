import {
  type HalfDay,
  halfDayLabels,
  roleScopeKind,
  type SasSessionSummary,
  sasWeekdayLabels,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../../lib/forms';
import {
  Button,
  EmptyState,
  ErrorState,
  Fieldset,
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
import { createSasSession, useAnimators, useSasMutation, useSasSessions } from './api';
import { SasSessionDetail } from './SasSessionDetail';

/**
 * The SAS de rétablissement (issue 14 point 6, action 3-9): the sessions of 4 weeks × 3 half-days
 * for persons asking the reinstatement of their allocation, a new session, and the chosen session's
 * meetings, attendance grid, commitments and decisions.
 */
export function SasPage() {
  const actor = useActor();
  const [params, setParams] = useSearchParams();
  const selected = params.get('session') ?? '';
  const sessions = useSasSessions();
  const open = (id: string) => setParams(id ? { session: id } : {});
  const canCreate = actor.permissions.includes('sas.manage') && actor.permissions.includes('agenda.read');
  return (
    <>
      <PageHeader
        title="SAS de rétablissement"
        description={
          <p>
            Une personne dont l’allocation est suspendue et qui demande le rétablissement de ses droits suit
            une session de 4 semaines, 3 demi-journées par semaine. Ses droits ne sont rétablis qu’après
            l’avoir suivie (présence à 75 % des séances au moins) et s’être engagée dans un parcours.
          </p>
        }
      />
      <SanctionsNav />
      {selected ? (
        <>
          <Button variant="tertiary" onClick={() => open('')}>
            Retour à la liste des sessions
          </Button>
          <SasSessionDetail id={selected} />
        </>
      ) : (
        <>
          {sessions.isPending ? (
            <Loading label="Chargement des sessions…" />
          ) : sessions.isError ? (
            <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
          ) : sessions.data.items.length === 0 ? (
            <EmptyState title="Aucune session du SAS." />
          ) : (
            <Table<SasSessionSummary>
              caption={`${sessions.data.items.length} session(s)`}
              rows={sessions.data.items}
              rowKey={(s) => s.id}
              columns={[
                {
                  key: 'label',
                  header: 'Session',
                  rowHeader: true,
                  render: (s) => (
                    <Button variant="tertiary" size="sm" onClick={() => open(s.id)}>
                      {s.label}
                    </Button>
                  ),
                },
                {
                  key: 'dates',
                  header: 'Dates',
                  nowrap: true,
                  render: (s) => `du ${formatDate(s.startDate)} au ${formatDate(s.endDate)}`,
                },
                { key: 'hub', header: 'Pôle', render: (s) => s.structureName ?? s.hubName },
                { key: 'animator', header: 'Animateur', render: (s) => s.animatorName ?? '—' },
                { key: 'places', header: 'Inscrits', render: (s) => `${s.enrolled} / ${s.capacity}` },
                {
                  key: 'status',
                  header: 'Statut',
                  render: (s) => (s.status === 'cancelled' ? 'Annulée' : 'Ouverte'),
                },
              ]}
            />
          )}
          {canCreate ? <NewSessionForm onCreated={open} /> : null}
        </>
      )}
    </>
  );
}

type Slot = { key: string; weekday: string; halfDay: HalfDay };
const weekdayOptions = [1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: sasWeekdayLabels[d]! }));
const halfDayOptions = (['morning', 'afternoon'] as const).map((h) => ({
  value: h,
  label: halfDayLabels[h],
}));

function NewSessionForm({ onCreated }: { onCreated: (id: string) => void }) {
  const actor = useActor();
  const byDepartment = roleScopeKind[actor.role] === 'department';
  const hubs = useHubs();
  const animators = useAnimators(true);
  const form = useRef<HTMLFormElement>(null);
  const [hubId, setHubId] = useState('');
  const [animatorAccountId, setAnimator] = useState('');
  const [label, setLabel] = useState('SAS de rétablissement');
  const [startDate, setStartDate] = useState('');
  const [place, setPlace] = useState('');
  const [capacity, setCapacity] = useState('12');
  const [pattern, setPattern] = useState<Slot[]>([
    { key: 'a', weekday: '1', halfDay: 'morning' },
    { key: 'b', weekday: '2', halfDay: 'morning' },
    { key: 'c', weekday: '4', halfDay: 'morning' },
  ]);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useSasMutation(
    () =>
      createSasSession({
        hubId: byDepartment ? hubId || null : null,
        animatorAccountId,
        label,
        startDate,
        place,
        capacity: Number(capacity),
        pattern: pattern.map((p) => ({ weekday: Number(p.weekday), halfDay: p.halfDay })),
      }),
    '',
    (s) => onCreated(s.id),
  );
  const setSlot = (i: number, change: Partial<Slot>) =>
    setPattern((all) => all.map((p, j) => (i === j ? { ...p, ...change } : p)));
  const shown = ['hubId', 'animatorAccountId', 'label', 'startDate', 'place', 'capacity', 'pattern'];
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="nouvelle-session-sas"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, shown));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h2 id="nouvelle-session-sas">Prévoir une session</h2>
      <FormAlert
        title="La session n’a pas été créée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      {byDepartment ? (
        <SelectField
          label="Pôle"
          value={hubId}
          onChange={setHubId}
          placeholder="Choisir…"
          options={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
          error={errors.fields.hubId}
        />
      ) : null}
      <SelectField
        label="Animateur (les séances vont sur son agenda)"
        value={animatorAccountId}
        onChange={setAnimator}
        placeholder="Choisir…"
        options={(animators.data?.items ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
        error={errors.fields.animatorAccountId}
      />
      <TextField label="Intitulé" value={label} onChange={setLabel} error={errors.fields.label} />
      <TextField
        label="Premier jour (un lundi)"
        type="date"
        value={startDate}
        onChange={setStartDate}
        error={errors.fields.startDate}
      />
      <Fieldset legend="Demi-journées de chaque semaine">
        {pattern.map((p, i) => (
          <div className="form-row" key={p.key}>
            <SelectField
              label={`Demi-journée ${i + 1} : jour`}
              value={p.weekday}
              onChange={(v) => setSlot(i, { weekday: v })}
              options={weekdayOptions}
              error={i === 0 ? errors.fields.pattern : undefined}
            />
            <SelectField
              label={`Demi-journée ${i + 1} : moment`}
              value={p.halfDay}
              onChange={(v) => setSlot(i, { halfDay: v as HalfDay })}
              options={halfDayOptions}
            />
          </div>
        ))}
      </Fieldset>
      <TextField label="Lieu" value={place} onChange={setPlace} error={errors.fields.place} />
      <TextField
        label="Places"
        type="number"
        min={2}
        value={capacity}
        onChange={setCapacity}
        error={errors.fields.capacity}
      />
      <FormActions submitLabel="Créer la session et ses 12 séances" pending={mutation.isPending} />
    </form>
  );
}
