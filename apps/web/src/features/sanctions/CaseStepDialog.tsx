import {
  type DecisionKind,
  decisionKindLabels,
  decisionKinds,
  type EndReason,
  endReasonLabels,
  endReasons,
  type ModulationReason,
  modulationReasonLabels,
  modulationReasons,
  observationModes,
  type SanctionCase,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { todayIso } from '../../lib/format';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
} from '../../lib/forms';
import {
  Checkbox,
  Dialog,
  Fieldset,
  FormActions,
  FormAlert,
  SelectField,
  TextAreaField,
  TextField,
} from '../../ui';
import { type CaseStep, moveSanctionCase, useSanctionMutation } from './api';

export const stepLabels: Record<CaseStep, { button: string; title: string; done: string }> = {
  notice_sent: {
    button: 'Envoyer l’information préalable',
    title: 'Information préalable',
    done: 'L’information préalable est enregistrée : le courrier est prêt à imprimer.',
  },
  observations_received: {
    button: 'Enregistrer les observations',
    title: 'Observations de la personne',
    done: 'Les observations sont enregistrées.',
  },
  decided: { button: 'Décider', title: 'Décision', done: 'La décision est enregistrée.' },
  notified: {
    button: 'Enregistrer la notification',
    title: 'Notification de la décision',
    done: 'La notification est enregistrée.',
  },
  ended: { button: 'Mettre fin', title: 'Fin de la procédure', done: 'La procédure est terminée.' },
  cancelled: {
    button: 'Annuler la procédure',
    title: 'Annuler la procédure',
    done: 'La procédure est annulée et le manquement classé sans suite.',
  },
};

const modeLabels = { written: 'Par écrit', interview: 'Lors d’un entretien' } as const;

const number = (v: string) => (v.trim() === '' ? null : Number(v));

/** One step of a sanction case: its own fields, the server's refusals shown on them. */
export function CaseStepDialog({
  personId,
  sanctionCase: c,
  step,
  onClose,
  onDone,
}: {
  personId: string;
  sanctionCase: SanctionCase;
  step: CaseStep;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [on, setOn] = useState(todayIso());
  const [mode, setMode] = useState('written');
  const [text, setText] = useState('');
  const [assistedBy, setAssistedBy] = useState('');
  const [kind, setKind] = useState<DecisionKind | ''>('');
  const [percent, setPercent] = useState('');
  const [months, setMonths] = useState('');
  const [reasons, setReasons] = useState<ModulationReason[]>([]);
  const [endReason, setEndReason] = useState<EndReason | ''>('');
  const labels = stepLabels[step];

  function body(): object {
    const version = c.version;
    switch (step) {
      case 'notice_sent':
        return { version, sentOn: on };
      case 'observations_received':
        return { version, receivedOn: on, mode, summary: text, assistedBy: emptyToNull(assistedBy) };
      case 'decided':
        return {
          version,
          decidedOn: on,
          kind: kind || undefined,
          percent: kind === 'sanction' ? number(percent) : null,
          months: kind === 'sanction' || kind === 'removal' ? number(months) : null,
          modulationReasons: reasons,
          reason: emptyToNull(text),
        };
      case 'notified':
        return { version, notifiedOn: on };
      case 'ended':
        return { version, endedOn: on, reason: endReason || undefined };
      case 'cancelled':
        return { version, reason: text };
    }
  }
  const dateField = {
    notice_sent: 'sentOn',
    observations_received: 'receivedOn',
    decided: 'decidedOn',
    notified: 'notifiedOn',
    ended: 'endedOn',
    cancelled: null,
  }[step];
  const known = [dateField ?? 'date', 'date', 'mode', 'summary', 'assistedBy', 'kind', 'percent', 'months'];
  known.push('modulationReasons', 'reason', 'version');

  const mutation = useSanctionMutation(
    () => moveSanctionCase(personId, c.id, step, body()),
    () => {
      onDone(labels.done);
      onClose();
    },
  );
  const dateError = errors.fields[dateField ?? 'date'] ?? errors.fields.date;

  return (
    <Dialog
      open
      title={labels.title}
      onClose={onClose}
      role={step === 'cancelled' ? 'alertdialog' : undefined}
    >
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setErrors(noErrors);
          mutation.mutate(undefined, {
            onError: (err) => {
              setErrors(errorsFromApi(err, known));
              focusFirstInvalid(form.current);
            },
          });
        }}
      >
        <FormAlert
          title="L’étape n’a pas été enregistrée"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        {dateField ? (
          <TextField
            label={
              {
                notice_sent: 'Envoyée le',
                observations_received: 'Reçues le',
                decided: 'Décidée le',
                notified: 'Notifiée le',
                ended: 'Fin le',
              }[step as Exclude<CaseStep, 'cancelled'>]
            }
            type="date"
            value={on}
            onChange={setOn}
            error={dateError}
          />
        ) : null}
        {step === 'notice_sent' ? (
          <p>
            La personne est informée des faits, de la sanction encourue, du délai pour présenter ses
            observations et de son droit d’être entendue et assistée. Le courrier (et l’e-mail ou le SMS selon
            ses coordonnées) part avec cette étape.
          </p>
        ) : null}
        {step === 'observations_received' ? (
          <>
            <SelectField
              label="Forme"
              value={mode}
              onChange={setMode}
              options={observationModes.map((m) => ({ value: m, label: modeLabels[m] }))}
              error={errors.fields.mode}
            />
            <TextAreaField
              label="Observations"
              value={text}
              onChange={setText}
              rows={4}
              error={errors.fields.summary}
            />
            <TextField
              label="Personne qui assistait (nom et qualité)"
              optional
              value={assistedBy}
              onChange={setAssistedBy}
              error={errors.fields.assistedBy}
            />
          </>
        ) : null}
        {step === 'decided' ? (
          <>
            <SelectField
              label="Nature de la décision"
              value={kind}
              onChange={(v) => setKind(v as DecisionKind | '')}
              placeholder="Choisir…"
              options={decisionKinds.map((k) => ({ value: k, label: decisionKindLabels[k] }))}
              error={errors.fields.kind}
            />
            {kind === 'sanction' ? (
              <TextField
                label="Taux (%)"
                type="number"
                value={percent}
                onChange={setPercent}
                error={errors.fields.percent}
              />
            ) : null}
            {kind === 'sanction' || kind === 'removal' ? (
              <TextField
                label="Durée (mois)"
                type="number"
                value={months}
                onChange={setMonths}
                error={errors.fields.months}
              />
            ) : null}
            <Fieldset legend="Modulation (le cas échéant)">
              {modulationReasons.map((r) => (
                <Checkbox
                  key={r}
                  label={modulationReasonLabels[r]}
                  checked={reasons.includes(r)}
                  onChange={(checked) =>
                    setReasons((rs) => (checked ? [...rs, r] : rs.filter((x) => x !== r)))
                  }
                />
              ))}
            </Fieldset>
            <TextAreaField
              label="Motivation"
              optional
              value={text}
              onChange={setText}
              rows={3}
              error={errors.fields.reason}
            />
          </>
        ) : null}
        {step === 'ended' ? (
          <SelectField
            label="Motif de fin"
            value={endReason}
            onChange={(v) => setEndReason(v as EndReason | '')}
            placeholder="Choisir…"
            options={endReasons.map((r) => ({ value: r, label: endReasonLabels[r] }))}
            error={errors.fields.reason}
          />
        ) : null}
        {step === 'cancelled' ? (
          <TextAreaField
            label="Motif de l’annulation"
            value={text}
            onChange={setText}
            error={errors.fields.reason}
          />
        ) : null}
        <FormActions submitLabel={labels.button} pending={mutation.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
