import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import type { z } from 'zod';
import { formatDate, formatDateTime } from '../lib/format';
import {
  errorsFromApi,
  type FieldErrors,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
  validate,
} from '../lib/forms';
import { FormAlert } from './Alert';
import { Button } from './Button';
import { TextField } from './fields';
import { type Column, Table } from './Table';

/**
 * A new dated rule set (convocation delays, portfolio caps…: `rule_set` on the server): the date it
 * applies from (today or later), the kind's own fields (`children`), the decision behind it, submit.
 * The former sets stay in the history (`RuleSetHistory`).
 */
export function DatedRuleSetForm<S extends z.ZodType, Saved>({
  today,
  schema,
  input,
  fields,
  save,
  onSaved,
  title,
  submitLabel,
  sourceHint,
  children,
}: {
  /** The date proposed (today, in Paris). */
  today: string;
  schema: S;
  /** The input to validate, from the common fields and the kind's own. */
  input: (common: { effectiveFrom: string; source: string }) => unknown;
  /** The names of the kind's own fields, for the API's messages. */
  fields: readonly string[];
  save: (input: z.output<S>) => Promise<Saved>;
  onSaved: (saved: Saved) => void;
  /** The banner's title: what was not done ("Les délais n’ont pas été enregistrés"). */
  title: string;
  submitLabel: string;
  sourceHint: string;
  children: (errors: FieldErrors) => ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const [source, setSource] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (saved) => {
      setErrors(noErrors);
      setSource('');
      onSaved(saved);
    },
    onError: (err) => {
      setErrors(errorsFromApi(err, ['effectiveFrom', 'source', ...fields]));
      focusFirstInvalid(form.current);
    },
  });
  return (
    <form
      ref={form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const checked = validate(schema, input({ effectiveFrom, source }));
        if (!checked.ok) {
          setErrors(checked.errors);
          focusFirstInvalid(form.current);
          return;
        }
        mutation.mutate(checked.data);
      }}
    >
      <FormAlert title={title} message={errors.message} fieldCount={Object.keys(errors.fields).length} />
      <div className="form-grid">
        <TextField
          label="En vigueur à partir du"
          type="date"
          value={effectiveFrom}
          onChange={setEffectiveFrom}
          error={errors.fields.effectiveFrom}
          hint="Aujourd’hui ou une date à venir."
        />
        {children(errors.fields)}
        <TextField
          className="form-grid__wide"
          label="Décision ou raison"
          value={source}
          onChange={setSource}
          error={errors.fields.source}
          hint={sourceHint}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Enregistrement…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}

export interface RuleSetLine {
  effectiveFrom: string;
  source: string;
  builtIn: boolean;
  createdByName: string | null;
  createdAt: string | null;
}

/** The successive sets of a kind, the latest first: date, the kind's columns, decision, author. */
export function RuleSetHistory<Row extends RuleSetLine>({
  caption,
  rows,
  columns,
}: {
  caption: string;
  rows: readonly Row[];
  columns: Column<Row>[];
}) {
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => r.effectiveFrom}
      columns={[
        { key: 'from', header: 'À partir du', rowHeader: true, render: (r) => formatDate(r.effectiveFrom) },
        ...columns,
        { key: 'source', header: 'Décision', render: (r) => r.source },
        {
          key: 'by',
          header: 'Enregistré',
          render: (r) =>
            r.builtIn ? 'Paramétrage initial' : `${r.createdByName ?? '—'}, ${formatDateTime(r.createdAt)}`,
        },
      ]}
    />
  );
}
