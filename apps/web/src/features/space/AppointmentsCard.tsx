import type { AppointmentPurpose, SpaceAppointment } from '@parcours/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import { Alert, Button, FormAlert } from '../../ui';
import { TextAreaField } from '../../ui/fields';
import { useReportAbsence } from './api';

const purposes: Record<AppointmentPurpose, string> = {
  orientation: 'Rendez-vous d’orientation',
  accompaniment: 'Rendez-vous avec votre référent',
  contract: 'Rendez-vous pour votre contrat d’engagement',
  other: 'Rendez-vous',
};
const purposeWords = (a: SpaceAppointment) => (a.collective ? 'Réunion collective' : purposes[a.purpose]);

const dayWords = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
/** "Le mardi 10 mars 2026 à 9 h 30" (the date is a Paris calendar day, the time Paris time). */
const whenWords = (a: SpaceAppointment) => {
  const day = dayWords.format(new Date(`${a.date}T00:00:00Z`));
  const time = a.startTime
    ? ` à ${a.startTime.replace(/^0/, '').replace(':', ' h ').replace(' h 00', ' h')}`
    : '';
  return `Le ${day}${time}`;
};

export function AppointmentsCard({ appointments }: { appointments: SpaceAppointment[] }) {
  const upcoming = appointments.filter((a) => a.status === 'planned');
  const cancelled = appointments.filter((a) => a.status === 'cancelled');
  return (
    <section className="card" aria-labelledby="rendez-vous">
      <h2 id="rendez-vous" className="space-card__title">
        Mes rendez-vous
      </h2>
      {upcoming.length === 0 ? <p>Vous n’avez pas de rendez-vous prévu.</p> : null}
      <ul className="space-list">
        {upcoming.map((a) => (
          <li key={a.id}>
            <AppointmentItem appointment={a} />
          </li>
        ))}
        {cancelled.map((a) => (
          <li key={a.id}>
            <p className="space-when">{whenWords(a)}</p>
            <p>
              {purposeWords(a)} : <strong>annulé</strong>
              {a.statusReason ? ` (${a.statusReason})` : ''}.
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AppointmentItem({ appointment: a }: { appointment: SpaceAppointment }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <>
      <p className="space-when">{whenWords(a)}</p>
      <p>
        {purposeWords(a)}
        {a.place ? (
          <>
            <br />
            {a.place}
          </>
        ) : a.structureName || a.hubName ? (
          <>
            <br />
            {a.structureName ?? a.hubName}
          </>
        ) : null}
      </p>
      {a.notice ? (
        <p className="space-notice">
          Vous avez prévenu le {formatDateTime(a.notice.recordedAt)} que vous ne pourrez pas venir : «{' '}
          {a.notice.reason} ». Votre référent vous proposera une autre date.
        </p>
      ) : null}
      {done ? (
        <Alert tone="success" title="C’est noté" live="polite">
          <p>Votre référent est prévenu. Il vous proposera une autre date.</p>
        </Alert>
      ) : open ? (
        <AbsenceForm appointmentId={a.id} onDone={() => setDone(true)} onCancel={() => setOpen(false)} />
      ) : (
        <Button variant="secondary" className="button--block" onClick={() => setOpen(true)}>
          Je ne pourrai pas venir
        </Button>
      )}
    </>
  );
}

function AbsenceForm({
  appointmentId,
  onDone,
  onCancel,
}: {
  appointmentId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const report = useReportAbsence();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors(noErrors);
    try {
      await report.mutateAsync({ appointmentId, reason });
      onDone();
    } catch (error) {
      setErrors(errorsFromApi(error, ['reason']));
      focusFirstInvalid(formRef.current);
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <FormAlert
        title="Votre message n’a pas été envoyé"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <TextAreaField
        label="Pourquoi ne pourrez-vous pas venir ?"
        hint="Quelques mots suffisent. Votre référent lira ce message."
        name="reason"
        rows={3}
        value={reason}
        onChange={setReason}
        error={errors.fields.reason}
      />
      <div className="form-actions">
        <Button type="submit" pending={report.isPending} className="button--block">
          Prévenir mon référent
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
