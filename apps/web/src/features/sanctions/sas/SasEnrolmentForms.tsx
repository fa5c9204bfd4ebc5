import {
  allowedTargets,
  halfDayLabels,
  type SasAttendanceStatus,
  type SasEnrolmentStatus,
  type SasSession,
  sasAttendanceLabels,
  sasEnrolmentStatusLabels,
  sasEnrolmentWorkflow,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { call } from '../../../lib/client';
import { formatDate } from '../../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../../lib/forms';
import { Alert, FormActions, FormAlert, SelectField, TextAreaField, TextField } from '../../../ui';
import { useActor } from '../../auth/session';
import { sasRoutes, useSasMutation } from './api';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

/** The attendance of one enrolled person at one meeting already begun (recorded again to correct). */
export function AttendanceForm({ session }: { session: SasSession }) {
  const form = useRef<HTMLFormElement>(null);
  const enrolled = session.enrolments.filter((e) => e.status === 'enrolled');
  const held = session.meetings.filter((m) => m.status === 'planned' && m.started);
  const [enrolmentId, setEnrolment] = useState('');
  const [meetingId, setMeeting] = useState('');
  const [status, setStatus] = useState<SasAttendanceStatus>('present');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const person = enrolled.find((e) => e.id === enrolmentId);
  const mutation = useSasMutation(
    () =>
      call(sasRoutes.attendance, {
        params: { id: person?.personId ?? '', enrolmentId },
        body: { meetingId, status, reason: reason || null },
      }),
    session.id,
    () => setDone('Présence enregistrée.'),
  );
  if (held.length === 0) return <p>La présence s’enregistre une fois la première séance commencée.</p>;
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="presence-sas"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        setDone(null);
        const missing: Record<string, string> = {};
        if (!person) missing.enrolmentId = 'Choisissez la personne.';
        if (!meetingId) missing.meetingId = 'Choisissez la séance.';
        if (Object.keys(missing).length) {
          setErrors({ message: null, fields: missing });
          return;
        }
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['meetingId', 'status', 'reason']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="presence-sas">Enregistrer une présence</h3>
      {done ? <Alert tone="success">{done}</Alert> : null}
      <FormAlert
        title="La présence n’a pas été enregistrée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Personne"
        value={enrolmentId}
        onChange={setEnrolment}
        placeholder="Choisir…"
        options={enrolled.map((e) => ({ value: e.id, label: e.personName }))}
        error={errors.fields.enrolmentId}
      />
      <SelectField
        label="Séance"
        value={meetingId}
        onChange={setMeeting}
        placeholder="Choisir…"
        options={held.map((m) => ({
          value: m.id,
          label: `S${m.position} — ${formatDate(m.date)}, ${halfDayLabels[m.halfDay].toLowerCase()}`,
        }))}
        error={errors.fields.meetingId}
      />
      <SelectField
        label="Présence"
        value={status}
        onChange={(v) => setStatus(v as SasAttendanceStatus)}
        options={(['present', 'excused', 'absent'] as const).map((s) => ({
          value: s,
          label: sasAttendanceLabels[s],
        }))}
        error={errors.fields.status}
      />
      {status === 'excused' ? (
        <TextField
          label="Motif de l’excuse"
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
        />
      ) : null}
      <FormActions submitLabel="Enregistrer la présence" pending={mutation.isPending} />
    </form>
  );
}

type Step = 'completed' | 'abandoned' | 'commitment' | 'reinstated' | 'refused' | 'cancelled';
const stepLabels: Record<Step, string> = {
  completed: 'Session suivie jusqu’au bout',
  abandoned: 'Session abandonnée',
  commitment: 'Engagement de la personne',
  reinstated: 'Décision : droits rétablis',
  refused: 'Décision : rétablissement refusé',
  cancelled: 'Annuler la demande',
};

/** The steps the workflow allows this role for the chosen person, and the commitment. */
function stepsFor(status: SasEnrolmentStatus, role: Parameters<typeof allowedTargets>[2], manage: boolean) {
  const moves = allowedTargets(sasEnrolmentWorkflow, status, role).filter(
    (t): t is Exclude<Step, 'commitment'> => t !== 'enrolled' && t !== 'requested',
  );
  const commitment: Step[] =
    manage && (status === 'enrolled' || status === 'completed') ? ['commitment'] : [];
  return [...commitment, ...moves] as Step[];
}

/** The end of a person's session, their commitment, the decision, or the cancellation. */
export function EnrolmentStepForm({ session }: { session: SasSession }) {
  const actor = useActor();
  const manage = actor.permissions.includes('sas.manage');
  const form = useRef<HTMLFormElement>(null);
  const [enrolmentId, setEnrolment] = useState('');
  const [step, setStep] = useState<Step | ''>('');
  const [date, setDate] = useState(today());
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'pathway' | 'contract'>('pathway');
  const [contractId, setContractId] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const e = session.enrolments.find((x) => x.id === enrolmentId);
  const steps = e ? stepsFor(e.status, actor.role, manage) : [];
  const mutation = useSasMutation(
    () => {
      const params = { id: e?.personId ?? '', enrolmentId };
      const version = e?.version ?? 1;
      switch (step) {
        case 'completed':
        case 'abandoned':
          return call(sasRoutes.end, {
            params,
            body: { version, endedOn: date, outcome: step, note: text || null },
          });
        case 'commitment':
          return call(sasRoutes.commitment, {
            params,
            body: {
              version,
              committedOn: date,
              kind,
              contractId: kind === 'contract' ? contractId || null : null,
              pathway: kind === 'pathway' ? text || null : null,
            },
          });
        case 'reinstated':
          return call(sasRoutes.decide, {
            params,
            body: {
              version,
              decidedOn: today(),
              outcome: 'reinstated',
              reinstatedFrom: date,
              reason: text || null,
            },
          });
        case 'refused':
          return call(sasRoutes.decide, {
            params,
            body: { version, decidedOn: date, outcome: 'refused', reason: text || null },
          });
        default:
          return call(sasRoutes.cancel, { params, body: { version, reason: text } });
      }
    },
    session.id,
    () => {
      // The status moved: the next step is chosen afresh, with no text carried over.
      setStep('');
      setText('');
      setDone('Enregistré.');
    },
  );
  const shown = [
    'endedOn',
    'committedOn',
    'decidedOn',
    'reinstatedFrom',
    'reason',
    'note',
    'pathway',
    'contractId',
  ];
  const dateLabel =
    step === 'reinstated' ? 'Droits rétablis à compter du' : step === 'commitment' ? 'Engagé le' : 'Date';
  const dateField = { reinstated: 'reinstatedFrom', commitment: 'committedOn', refused: 'decidedOn' }[
    step as string
  ];
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="etape-sas"
      onSubmit={(ev) => {
        ev.preventDefault();
        setErrors(noErrors);
        setDone(null);
        if (!e || !step) {
          setErrors({
            message: null,
            fields: e ? { step: 'Choisissez l’étape.' } : { enrolmentId: 'Choisissez la personne.' },
          });
          return;
        }
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, shown));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="etape-sas">Fin de session, engagement et décision</h3>
      {done ? <Alert tone="success">{done}</Alert> : null}
      <FormAlert
        title="Rien n’a été enregistré"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Personne"
        value={enrolmentId}
        onChange={(v) => {
          setEnrolment(v);
          setStep('');
          setText('');
        }}
        placeholder="Choisir…"
        options={session.enrolments.map((x) => ({
          value: x.id,
          label: `${x.personName} (${sasEnrolmentStatusLabels[x.status].toLowerCase()})`,
        }))}
        error={errors.fields.enrolmentId}
      />
      {e ? (
        <SelectField
          label="Étape"
          value={step}
          onChange={(v) => {
            // A pathway written for the commitment must not become a decision's reason.
            setStep(v as Step);
            setText('');
          }}
          placeholder={steps.length ? 'Choisir…' : 'Aucune étape possible'}
          options={steps.map((s) => ({ value: s, label: stepLabels[s] }))}
          error={errors.fields.step}
        />
      ) : null}
      {step && step !== 'cancelled' ? (
        <TextField
          label={dateLabel}
          type="date"
          value={date}
          onChange={setDate}
          error={errors.fields[dateField ?? 'endedOn']}
        />
      ) : null}
      {step === 'commitment' ? (
        <SelectField
          label="Engagement"
          value={kind}
          onChange={(v) => setKind(v as 'pathway' | 'contract')}
          options={[
            { value: 'pathway', label: 'Parcours d’insertion (décrit)' },
            { value: 'contract', label: 'Contrat d’engagement signé' },
          ]}
        />
      ) : null}
      {step === 'commitment' && kind === 'contract' ? (
        <TextField
          label="Identifiant du contrat signé"
          value={contractId}
          onChange={setContractId}
          error={errors.fields.contractId}
        />
      ) : null}
      {step ? (
        <TextAreaField
          label={
            step === 'commitment'
              ? 'Parcours'
              : step === 'completed' || step === 'abandoned'
                ? 'Observations'
                : 'Motif'
          }
          optional={
            step !== 'refused' && step !== 'cancelled' && !(step === 'commitment' && kind === 'pathway')
          }
          value={text}
          onChange={setText}
          error={errors.fields.pathway ?? errors.fields.reason ?? errors.fields.note}
        />
      ) : null}
      <FormActions submitLabel="Enregistrer" pending={mutation.isPending} />
    </form>
  );
}
