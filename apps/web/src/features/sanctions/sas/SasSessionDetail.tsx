import {
  type HalfDay,
  halfDayLabels,
  type SasAttendanceStatus,
  type SasSession,
  sasEnrolmentStatusLabels,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { call } from '../../../lib/client';
import { formatDate } from '../../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../../lib/forms';
import {
  Alert,
  EmptyState,
  ErrorState,
  FormActions,
  FormAlert,
  Item,
  Loading,
  Section,
  SelectField,
  Table,
  TextField,
} from '../../../ui';
import { useActor } from '../../auth/session';
import { sasRoutes, useSasMutation, useSasSession } from './api';
import { AttendanceForm, EnrolmentStepForm } from './SasEnrolmentForms';

type Enrolment = SasSession['enrolments'][number];
const short: Record<SasAttendanceStatus, string> = { present: 'P', excused: 'E', absent: 'A' };
const shortLabel: Record<SasAttendanceStatus, string> = {
  present: 'présent',
  excused: 'absence excusée',
  absent: 'absence non excusée',
};

/** One session: what, where, when; its meetings, the attendance grid and the steps of each person. */
export function SasSessionDetail({ id }: { id: string }) {
  const actor = useActor();
  const session = useSasSession(id);
  if (session.isPending) return <Loading label="Chargement de la session…" />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  const s = session.data;
  const manage = actor.permissions.includes('sas.manage');
  return (
    <>
      <Section id="session-sas" title={s.label}>
        <dl className="summary-list">
          <Item label="Dates">{`du ${formatDate(s.startDate)} au ${formatDate(s.endDate)}`}</Item>
          <Item label="Pôle">{s.hubName}</Item>
          {s.structureName ? <Item label="Structure">{s.structureName}</Item> : null}
          <Item label="Animateur">{s.animatorName ?? '—'}</Item>
          <Item label="Lieu">{s.place}</Item>
          <Item label="Inscrits">{`${s.enrolled} sur ${s.capacity} places`}</Item>
          {s.status === 'cancelled' ? <Item label="Annulée">{s.cancelReason ?? ''}</Item> : null}
        </dl>
      </Section>
      <Section id="seances-sas" title="Séances">
        <Table<SasSession['meetings'][number]>
          caption={`${s.meetings.length} séances (sur l’agenda de l’animateur)`}
          rows={s.meetings}
          rowKey={(m) => m.id}
          columns={[
            { key: 'n', header: 'N°', render: (m) => String(m.position) },
            { key: 'week', header: 'Semaine', render: (m) => String(m.week) },
            { key: 'date', header: 'Date', rowHeader: true, nowrap: true, render: (m) => formatDate(m.date) },
            { key: 'half', header: 'Moment', render: (m) => halfDayLabels[m.halfDay] },
            {
              key: 'status',
              header: 'Statut',
              render: (m) =>
                m.status === 'cancelled'
                  ? `Annulée${m.cancelReason ? ` (${m.cancelReason})` : ''}`
                  : m.started
                    ? 'Tenue'
                    : 'Prévue',
            },
          ]}
        />
        {manage && s.status === 'open' ? <MeetingForm session={s} /> : null}
      </Section>
      <Section id="presences-sas" title="Inscrits et présence">
        {s.hiddenEnrolments > 0 ? (
          <p>{`${s.hiddenEnrolments} personne(s) inscrite(s) hors de votre périmètre ne sont pas affichées.`}</p>
        ) : null}
        {s.enrolments.length === 0 ? (
          <EmptyState title="Personne n’est inscrit dans cette session." />
        ) : (
          <AttendanceGrid session={s} />
        )}
        {manage && s.enrolments.some((e) => e.status === 'enrolled') ? <AttendanceForm session={s} /> : null}
        {s.enrolments.length ? <EnrolmentStepForm session={s} /> : null}
      </Section>
    </>
  );
}

/** Persons × meetings held: P present, E excused, A absent; the rate against the 75 % rule. */
function AttendanceGrid({ session }: { session: SasSession }) {
  const meetings = session.meetings.filter((m) => m.status === 'planned');
  const cell = (e: Enrolment, meetingId: string) => {
    const a = e.attendance.find((x) => x.meetingId === meetingId);
    return a ? <abbr title={shortLabel[a.status]}>{short[a.status]}</abbr> : '—';
  };
  return (
    <Table<Enrolment>
      caption="Présence aux séances (P présent, E absence excusée, A absence non excusée)"
      rows={session.enrolments}
      rowKey={(e) => e.id}
      columns={[
        { key: 'person', header: 'Personne', rowHeader: true, render: (e) => e.personName },
        { key: 'status', header: 'Statut', render: (e) => sasEnrolmentStatusLabels[e.status] },
        ...meetings.map((m) => ({
          key: m.id,
          header: `S${m.position}`,
          render: (e: Enrolment) => cell(e, m.id),
        })),
        {
          key: 'rate',
          header: 'Assiduité',
          render: (e) =>
            e.summary.rate === null
              ? '—'
              : `${e.summary.rate} %${e.summary.sufficient ? '' : ' (insuffisante)'}`,
        },
      ]}
    />
  );
}

/** Moves a meeting not begun to another half-day, or cancels it. */
function MeetingForm({ session }: { session: SasSession }) {
  const form = useRef<HTMLFormElement>(null);
  const coming = session.meetings.filter((m) => m.status === 'planned' && !m.started);
  const [meetingId, setMeetingId] = useState('');
  const [action, setAction] = useState<'move' | 'cancel'>('move');
  const [date, setDate] = useState('');
  const [halfDay, setHalfDay] = useState<HalfDay>('morning');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const meeting = coming.find((m) => m.id === meetingId);
  const mutation = useSasMutation(
    () => {
      const params = { id: session.id, meetingId };
      const version = meeting?.version ?? 1;
      return action === 'move'
        ? call(sasRoutes.moveMeeting, { params, body: { version, date, halfDay } })
        : call(sasRoutes.cancelMeeting, { params, body: { version, reason } });
    },
    session.id,
    () => setDone(action === 'move' ? 'La séance a été déplacée.' : 'La séance a été annulée.'),
  );
  if (coming.length === 0) return null;
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="changer-seance-sas"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        setDone(null);
        if (!meeting) {
          setErrors({ message: null, fields: { meetingId: 'Choisissez la séance.' } });
          return;
        }
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['date', 'halfDay', 'reason']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="changer-seance-sas">Déplacer ou annuler une séance</h3>
      {done ? <Alert tone="success">{done}</Alert> : null}
      <FormAlert
        title="La séance n’a pas été modifiée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Séance"
        value={meetingId}
        onChange={setMeetingId}
        placeholder="Choisir…"
        options={coming.map((m) => ({
          value: m.id,
          label: `S${m.position} — ${formatDate(m.date)}, ${halfDayLabels[m.halfDay].toLowerCase()}`,
        }))}
        error={errors.fields.meetingId}
      />
      <SelectField
        label="Action"
        value={action}
        onChange={(v) => setAction(v as 'move' | 'cancel')}
        options={[
          { value: 'move', label: 'Déplacer' },
          { value: 'cancel', label: 'Annuler' },
        ]}
      />
      {action === 'move' ? (
        <>
          <TextField
            label="Nouvelle date"
            type="date"
            value={date}
            onChange={setDate}
            error={errors.fields.date}
          />
          <SelectField
            label="Moment"
            value={halfDay}
            onChange={(v) => setHalfDay(v as HalfDay)}
            options={(['morning', 'afternoon'] as const).map((h) => ({ value: h, label: halfDayLabels[h] }))}
            error={errors.fields.halfDay}
          />
        </>
      ) : (
        <TextField label="Motif" value={reason} onChange={setReason} error={errors.fields.reason} />
      )}
      <FormActions submitLabel="Enregistrer" pending={mutation.isPending} />
    </form>
  );
}
