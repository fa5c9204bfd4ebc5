import {
  type ConventionCell,
  type ConventionRow,
  conventionColumnLabel,
  conventionValueInputSchema,
} from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { validate } from '../../lib/forms';
import {
  Alert,
  Checkbox,
  Dialog,
  ErrorState,
  FormActions,
  Loading,
  TextAreaField,
  TextField,
  useVersionedForm,
  VersionedFormAlerts,
} from '../../ui';
import { conventionKeys, useConventionHistory, useSetConventionValue } from './api';

const fields = ['value', 'comment', 'notAvailable'] as const;
export const printedOrDash = (printed: string) => (printed === '' ? '—' : printed);

/** The change form: a value (count, percentage, words) or « ND », and the comment it needs. */
function ValueForm({ cell, onSaved }: { cell: ConventionCell; onSaved: (printed: string) => void }) {
  const queryClient = useQueryClient();
  const form = useVersionedForm(fields);
  const save = useSetConventionValue(cell.id);
  const [notAvailable, setNotAvailable] = useState(cell.valueKind === 'nd');
  const [value, setValue] = useState(cell.valueKind === 'nd' ? '' : cell.printed);
  const [comment, setComment] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.send(
      validate(conventionValueInputSchema, { notAvailable, value, comment, version: cell.version }),
      (body) =>
        save.mutate(body, {
          onSuccess: (saved) => {
            setComment('');
            onSaved(saved.printed);
          },
          onError: form.onSaveError,
        }),
    );
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <VersionedFormAlerts
        title="La valeur n’a pas été enregistrée"
        form={form}
        save={save}
        refetch={() => queryClient.refetchQueries({ queryKey: conventionKeys.all })}
      />
      <Checkbox
        label="Non disponible (ND)"
        checked={notAvailable}
        onChange={setNotAvailable}
        error={form.errors.fields.notAvailable}
      />
      {notAvailable ? null : (
        <TextField
          label="Valeur"
          hint="Un nombre (32519), un pourcentage (80%) ou un texte (Cible à définir)."
          value={value}
          onChange={setValue}
          error={form.errors.fields.value}
          maxLength={500}
        />
      )}
      <TextAreaField
        label="Commentaire"
        hint="Pourquoi cette valeur : source, date des chiffres, décision."
        value={comment}
        onChange={setComment}
        error={form.errors.fields.comment}
        maxLength={2000}
      />
      <FormActions submitLabel="Enregistrer la valeur" pending={save.isPending} />
    </form>
  );
}

/** The value's history, newest first: each change with its comment, author and date. */
function History({ id }: { id: string }) {
  const history = useConventionHistory(id);
  if (history.isPending) return <Loading label="Chargement de l’historique…" />;
  if (history.isError)
    return <ErrorState title="L’historique n’a pas pu être chargé." error={history.error} />;
  return (
    <section aria-labelledby="historique-valeur">
      <h3 id="historique-valeur">Historique</h3>
      <ol className="plain-list">
        {history.data.changes.map((c) => (
          <li key={c.id}>
            <p>
              <strong>{formatDateTime(c.changedAt)}</strong> —{' '}
              {c.source === 'import' ? 'import du tableau' : (c.author ?? 'agent')} :{' '}
              {c.printedBefore !== null ? `${printedOrDash(c.printedBefore)} → ` : ''}
              <strong>{printedOrDash(c.printed)}</strong>
            </p>
            {c.comment ? <p className="muted">{c.comment}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A value of the table: its history and, for the steering role, its change. */
export function ValueDialog({
  row,
  cell,
  canManage,
  onClose,
}: {
  row: ConventionRow;
  cell: ConventionCell;
  canManage: boolean;
  onClose: () => void;
}) {
  const [saved, setSaved] = useState<string | null>(null);
  const column = conventionColumnLabel(cell.kind, cell.year);
  return (
    <Dialog
      open
      size="lg"
      title={`${column} — ${row.label}`}
      onClose={onClose}
      description={<p>Valeur actuelle : {printedOrDash(cell.printed)}</p>}
    >
      {saved !== null ? (
        <Alert tone="success" title={`Valeur enregistrée : ${printedOrDash(saved)}.`} />
      ) : null}
      {canManage ? <ValueForm key={cell.version} cell={cell} onSaved={setSaved} /> : null}
      <History id={cell.id} />
    </Dialog>
  );
}
