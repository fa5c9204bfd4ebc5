import {
  type Appointment,
  type AppointmentOutcome,
  agree,
  allowedTargets,
  appointmentWorkflow,
  type Sex,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api';
import { Alert, Button, Dialog, TextAreaField } from '../../ui';
import { useActor } from '../auth/session';
import { cancelAppointment, recordOutcome, refreshAgenda, rescheduleAppointment } from './api';
import { SlotPicker } from './SlotPicker';

const outcomeButtons: { status: AppointmentOutcome; label: string }[] = [
  { status: 'seen', label: 'Présent' },
  { status: 'noshow', label: 'Absent' },
  { status: 'excused', label: 'Excusé' },
];

/** The outcome in the confirmation, agreed with the person's sex when known. */
const outcomeWords: Record<AppointmentOutcome, string> = {
  seen: 'présent',
  noshow: 'absent',
  excused: 'excusé',
};

function conflictText(error: unknown): string {
  return isApiError(error) && error.status === 409 && /modifiée par quelqu’un/.test(error.message)
    ? 'Ce rendez-vous a été modifié par quelqu’un d’autre entre-temps : les informations viennent d’être rechargées. Vérifiez-les puis recommencez (votre saisie est conservée).'
    : errorMessage(error);
}

/**
 * What an agent does with one appointment: record présent / absent / excusé once it has begun
 * (a later click corrects it), or move or cancel it before. `subject` names the person (or the
 * appointment) in the buttons' accessible names, e.g. "Présent : Émilie BERTRAND".
 */
export function AppointmentActions({
  appointment,
  subject,
  sex,
  onDone,
}: {
  appointment: Appointment;
  subject: string;
  /** The person's sex, for "présente" / "présent"; unknown writes "présent(e)". */
  sex?: Sex;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const actor = useActor();
  const [excusing, setExcusing] = useState(false);
  const [reason, setReason] = useState(
    appointment.status === 'excused' ? (appointment.statusReason ?? '') : '',
  );
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [dialog, setDialog] = useState<'reschedule' | 'cancel' | null>(null);
  const reasonRef = useRef<HTMLDivElement>(null);

  const outcome = useMutation({
    mutationFn: (input: { status: AppointmentOutcome; reason: string | null }) =>
      recordOutcome(appointment.id, { ...input, version: appointment.version }),
    onSuccess: async (_result, input) => {
      setExcusing(false);
      onDone(`${subject} : ${agree(sex, outcomeWords[input.status])} au rendez-vous, c’est enregistré.`);
      await refreshAgenda(queryClient);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) void refreshAgenda(queryClient);
    },
  });

  // What the workflow table lets this agent do from the current status (nothing once cancelled or
  // moved); whether it has begun picks outcomes or move/cancel.
  const allowed = allowedTargets(appointmentWorkflow, appointment.status, actor.role);
  if (allowed.length === 0) return null;

  function choose(status: AppointmentOutcome) {
    outcome.reset();
    if (status === 'excused') {
      setExcusing(true);
      requestAnimationFrame(() => reasonRef.current?.querySelector('textarea')?.focus());
      return;
    }
    if (appointment.status === status) return;
    outcome.mutate({ status, reason: null });
  }

  function submitExcuse(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Indiquez le motif de l’excuse.');
      reasonRef.current?.querySelector('textarea')?.focus();
      return;
    }
    setReasonError(undefined);
    outcome.mutate({ status: 'excused', reason: reason.trim() });
  }

  return (
    <div className="appointment-actions">
      {appointment.started ? (
        <fieldset className="row-actions" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <legend className="sr-only">Présence de {subject}</legend>
          {outcomeButtons
            .filter((b) => allowed.includes(b.status))
            .map((b) => (
              <Button
                key={b.status}
                size="sm"
                variant={appointment.status === b.status ? 'primary' : 'secondary'}
                aria-pressed={appointment.status === b.status}
                aria-label={`${b.label} : ${subject}`}
                pending={outcome.isPending && outcome.variables?.status === b.status}
                onClick={() => choose(b.status)}
              >
                {b.label}
              </Button>
            ))}
        </fieldset>
      ) : (
        <div className="row-actions">
          {allowed.includes('rescheduled') ? (
            <Button
              size="sm"
              variant="secondary"
              aria-label={`Reporter : ${subject}`}
              onClick={() => setDialog('reschedule')}
            >
              Reporter
            </Button>
          ) : null}
          {allowed.includes('cancelled') ? (
            <Button
              size="sm"
              variant="tertiary"
              aria-label={`Annuler le rendez-vous : ${subject}`}
              onClick={() => setDialog('cancel')}
            >
              Annuler le rendez-vous
            </Button>
          ) : null}
        </div>
      )}
      {excusing ? (
        <form onSubmit={submitExcuse} noValidate className="inline-excuse">
          <div ref={reasonRef}>
            <TextAreaField
              label={`Motif de l’excuse (${subject})`}
              value={reason}
              onChange={setReason}
              maxLength={500}
              rows={2}
              error={reasonError}
            />
          </div>
          <div className="row-actions">
            <Button size="sm" type="submit" pending={outcome.isPending}>
              Enregistrer l’excuse
            </Button>
            <Button size="sm" variant="tertiary" onClick={() => setExcusing(false)}>
              Ne pas enregistrer
            </Button>
          </div>
        </form>
      ) : null}
      {outcome.isError ? (
        <Alert tone="error" title="Le résultat n’a pas été enregistré">
          <p>{conflictText(outcome.error)}</p>
        </Alert>
      ) : null}
      <RescheduleDialog
        open={dialog === 'reschedule'}
        appointment={appointment}
        subject={subject}
        onClose={() => setDialog(null)}
        onDone={(message) => {
          setDialog(null);
          onDone(message);
        }}
      />
      <CancelDialog
        open={dialog === 'cancel'}
        appointment={appointment}
        subject={subject}
        onClose={() => setDialog(null)}
        onDone={(message) => {
          setDialog(null);
          onDone(message);
        }}
      />
    </div>
  );
}

function RescheduleDialog({
  open,
  appointment,
  subject,
  onClose,
  onDone,
}: {
  open: boolean;
  appointment: Appointment;
  subject: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  return (
    <Dialog open={open} title={`Reporter le rendez-vous (${subject})`} onClose={onClose} size="lg">
      <RescheduleForm appointment={appointment} subject={subject} onClose={onClose} onDone={onDone} />
    </Dialog>
  );
}

function RescheduleForm({
  appointment,
  subject,
  onClose,
  onDone,
}: {
  appointment: Appointment;
  subject: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [slotId, setSlotId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ slotId?: string; reason?: string }>({});
  const move = useMutation({
    mutationFn: () =>
      rescheduleAppointment(appointment.id, { slotId, reason: reason.trim(), version: appointment.version }),
    onSuccess: async () => {
      onDone(`Le rendez-vous (${subject}) est reporté ; la personne est inscrite sur le nouveau créneau.`);
      await refreshAgenda(queryClient);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) void refreshAgenda(queryClient);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!slotId) next.slotId = 'Choisissez le nouveau créneau.';
    if (!reason.trim()) next.reason = 'Indiquez le motif du report.';
    setErrors(next);
    if (Object.keys(next).length === 0) move.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      {move.isError ? (
        <Alert tone="error" title="Le rendez-vous n’a pas été reporté">
          <p>{conflictText(move.error)}</p>
        </Alert>
      ) : null}
      <SlotPicker
        value={slotId}
        onChange={setSlotId}
        initialPurpose={appointment.purpose}
        excludeSlotId={appointment.slotId}
        label="Nouveau créneau"
        error={errors.slotId}
      />
      <TextAreaField
        label="Motif du report"
        value={reason}
        onChange={setReason}
        maxLength={500}
        rows={2}
        error={errors.reason}
      />
      <div className="form-actions">
        <Button type="submit" pending={move.isPending}>
          Reporter le rendez-vous
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Fermer sans reporter
        </Button>
      </div>
    </form>
  );
}

function CancelDialog({
  open,
  appointment,
  subject,
  onClose,
  onDone,
}: {
  open: boolean;
  appointment: Appointment;
  subject: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  return (
    <Dialog open={open} title={`Annuler le rendez-vous (${subject}) ?`} onClose={onClose} role="alertdialog">
      <ReasonForm
        label="Motif de l’annulation"
        confirmLabel="Annuler le rendez-vous"
        keepLabel="Garder le rendez-vous"
        failedTitle="Le rendez-vous n’a pas été annulé"
        onClose={onClose}
        submit={(reason) => cancelAppointment(appointment.id, { reason, version: appointment.version })}
        onDone={() => onDone(`Le rendez-vous (${subject}) est annulé.`)}
      />
    </Dialog>
  );
}

/** A reason, then a dangerous confirmation; the typed reason survives an error. */
export function ReasonForm({
  label,
  confirmLabel,
  keepLabel,
  failedTitle,
  onClose,
  submit,
  onDone,
}: {
  label: string;
  confirmLabel: string;
  keepLabel: string;
  failedTitle: string;
  onClose: () => void;
  submit: (reason: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const action = useMutation({
    mutationFn: () => submit(reason.trim()),
    onSuccess: async () => {
      onDone();
      await refreshAgenda(queryClient);
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 409) void refreshAgenda(queryClient);
    },
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) {
          setError('Indiquez le motif.');
          return;
        }
        setError(undefined);
        action.mutate();
      }}
    >
      {action.isError ? (
        <Alert tone="error" title={failedTitle}>
          <p>{conflictText(action.error)}</p>
        </Alert>
      ) : null}
      <TextAreaField
        label={label}
        value={reason}
        onChange={setReason}
        maxLength={500}
        rows={3}
        error={error}
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" pending={action.isPending}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {keepLabel}
        </Button>
      </div>
    </form>
  );
}
