import {
  type ExitCategory,
  exitCategories,
  exitCategoryLabels,
  exitTypes,
  type OperatorReferral,
  referralEntrySchema,
  referralExitSchema,
  referralRefuseSchema,
} from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Button, FormAlert, Section, SelectField, TextAreaField, TextField } from '../../ui';
import { parisToday } from '../agenda/dates';
import { acceptReferral, enterReferral, exitReferral, refuseReferral } from './api';

type Saved = (next: OperatorReferral, text: string) => void;

/** One form of a move: validation with the contracts' schema, the API's messages under the fields. */
function useMove<S extends Parameters<typeof validate>[0]>(
  schema: S,
  fields: readonly string[],
  send: (body: never) => Promise<OperatorReferral>,
  onSaved: (next: OperatorReferral) => void,
) {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: (next) => {
      setErrors(noErrors);
      onSaved(next);
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, fields));
      focusFirstInvalid(form.current);
    },
  });
  const submit = (values: unknown) => (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(schema, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form.current);
      return;
    }
    mutation.mutate(checked.data as never);
  };
  return { form, errors, mutation, submit };
}

/** Accept the fiche, or refuse it with a reason. */
export function AnswerPanel({
  referral: r,
  canAccept,
  onSaved,
}: {
  referral: OperatorReferral;
  canAccept: boolean;
  onSaved: Saved;
}) {
  const [reason, setReason] = useState('');
  const accept = useMutation({
    mutationFn: () => acceptReferral(r.id, { version: r.version }),
    onSuccess: (next) => onSaved(next, 'La fiche de liaison est acceptée.'),
  });
  const refuse = useMove(
    referralRefuseSchema,
    ['reason'],
    (body: { version: number; reason: string }) => refuseReferral(r.id, body),
    (next) => onSaved(next, 'La fiche de liaison est refusée ; le référent en est informé.'),
  );
  return (
    <Section id="reponse" title="Répondre à la fiche">
      {canAccept ? (
        <>
          {accept.isError ? (
            <FormAlert title="La fiche n’a pas été acceptée" message={accept.error.message} fieldCount={0} />
          ) : null}
          <p>
            <Button onClick={() => accept.mutate()} pending={accept.isPending}>
              Accepter la fiche
            </Button>
          </p>
        </>
      ) : null}
      <form ref={refuse.form} noValidate onSubmit={refuse.submit({ version: r.version, reason })}>
        <FormAlert
          title="La fiche n’a pas été refusée"
          message={refuse.errors.message}
          fieldCount={Object.keys(refuse.errors.fields).length}
        />
        <TextAreaField
          label="Motif du refus"
          rows={3}
          value={reason}
          onChange={setReason}
          maxLength={1000}
          error={refuse.errors.fields.reason}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" pending={refuse.mutation.isPending}>
            Refuser la fiche
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** The day the person entered the action. */
export function EntryForm({ referral: r, onSaved }: { referral: OperatorReferral; onSaved: Saved }) {
  const [enteredOn, setEnteredOn] = useState(parisToday());
  const move = useMove(
    referralEntrySchema,
    ['enteredOn'],
    (body: { version: number; enteredOn: string }) => enterReferral(r.id, body),
    (next) => onSaved(next, 'L’entrée dans l’action est enregistrée.'),
  );
  return (
    <Section id="entree" title="Entrée dans l’action">
      <form ref={move.form} noValidate onSubmit={move.submit({ version: r.version, enteredOn })}>
        <FormAlert
          title="L’entrée n’a pas été enregistrée"
          message={move.errors.message}
          fieldCount={Object.keys(move.errors.fields).length}
        />
        <TextField
          label="Date d’entrée"
          type="date"
          value={enteredOn}
          onChange={setEnteredOn}
          error={move.errors.fields.enteredOn}
        />
        <div className="form-actions">
          <Button type="submit" pending={move.mutation.isPending}>
            Enregistrer l’entrée
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** The exit with the typology of SPEC §7 (category, then type), corrected when recorded again. */
export function ExitForm({ referral: r, onSaved }: { referral: OperatorReferral; onSaved: Saved }) {
  const [exitedOn, setExitedOn] = useState(r.exitedOn ?? parisToday());
  const [category, setCategory] = useState<string>(r.exitCategory ?? '');
  const [type, setType] = useState(r.exitType ?? '');
  const [detail, setDetail] = useState(r.exitDetail ?? '');
  const types = category ? Object.entries(exitTypes[category as ExitCategory] as Record<string, string>) : [];
  const move = useMove(
    referralExitSchema,
    ['exitedOn', 'exitCategory', 'exitType', 'detail'],
    (body: Parameters<typeof exitReferral>[1]) => exitReferral(r.id, body),
    (next) => onSaved(next, 'La sortie de l’action est enregistrée.'),
  );
  const corrected = r.status === 'exited';
  return (
    <Section id="sortie" title={corrected ? 'Corriger la sortie' : 'Sortie de l’action'}>
      <form
        ref={move.form}
        noValidate
        onSubmit={move.submit({
          version: r.version,
          exitedOn,
          exitCategory: category,
          exitType: type,
          detail: detail.trim() || undefined,
        })}
      >
        <FormAlert
          title="La sortie n’a pas été enregistrée"
          message={move.errors.message}
          fieldCount={Object.keys(move.errors.fields).length}
        />
        <TextField
          label="Date de sortie"
          type="date"
          value={exitedOn}
          onChange={setExitedOn}
          error={move.errors.fields.exitedOn}
        />
        <SelectField
          label="Catégorie de sortie"
          value={category}
          onChange={(v) => {
            setCategory(v);
            const only = v ? Object.keys(exitTypes[v as ExitCategory]) : [];
            setType(only.length === 1 ? only[0]! : '');
          }}
          placeholder="Choisir"
          options={exitCategories.map((c) => ({ value: c, label: exitCategoryLabels[c] }))}
          error={move.errors.fields.exitCategory}
        />
        <SelectField
          label="Type de sortie"
          value={type}
          onChange={setType}
          placeholder={category ? 'Choisir' : 'Choisissez d’abord la catégorie'}
          options={types.map(([value, label]) => ({ value, label }))}
          error={move.errors.fields.exitType}
        />
        <TextField
          label="Précision"
          optional
          value={detail}
          onChange={setDetail}
          error={move.errors.fields.detail}
          hint="Par exemple l’employeur ou l’intitulé de la formation."
        />
        <div className="form-actions">
          <Button type="submit" pending={move.mutation.isPending}>
            {corrected ? 'Corriger la sortie' : 'Enregistrer la sortie'}
          </Button>
        </div>
      </form>
    </Section>
  );
}
