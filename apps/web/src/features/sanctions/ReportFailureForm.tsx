import { failureKindLabels, reportedFailureKinds } from '@parcours/contracts';
import { useRef, useState } from 'react';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
} from '../../lib/forms';
import { FormActions, FormAlert, SelectField, TextAreaField, TextField } from '../../ui';
import { recordFailure, useSanctionMutation } from './api';

type ReportedKind = (typeof reportedFailureKinds)[number];

/** The référent reports a failure the facts do not show: refusal of the contract, obligations not met. */
export function ReportFailureForm({ personId, onDone }: { personId: string; onDone: (m: string) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<ReportedKind | ''>('');
  const [factsDate, setFactsDate] = useState('');
  const [factsEndDate, setFactsEndDate] = useState('');
  const [facts, setFacts] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useSanctionMutation(
    () =>
      recordFailure(personId, {
        kind: kind || (undefined as never),
        factsDate,
        factsEndDate: emptyToNull(factsEndDate),
        facts: emptyToNull(facts),
      }),
    () => {
      setKind('');
      setFactsDate('');
      setFactsEndDate('');
      setFacts('');
      onDone('Le manquement est signalé : il est à examiner.');
    },
  );
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="signaler-manquement"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['kind', 'factsDate', 'factsEndDate', 'facts']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="signaler-manquement">Signaler un manquement</h3>
      <FormAlert
        title="Le manquement n’a pas été signalé"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Nature du manquement"
        value={kind}
        onChange={(v) => setKind(v as ReportedKind | '')}
        placeholder="Choisir…"
        options={reportedFailureKinds.map((k) => ({ value: k, label: failureKindLabels[k] }))}
        error={errors.fields.kind}
      />
      <TextField
        label="Date des faits"
        type="date"
        value={factsDate}
        onChange={setFactsDate}
        error={errors.fields.factsDate}
      />
      <TextField
        label="Fin des faits (faits sur une période)"
        optional
        type="date"
        value={factsEndDate}
        onChange={setFactsEndDate}
        error={errors.fields.factsEndDate}
      />
      <TextAreaField
        label="Faits constatés"
        hint="Les obligations du contrat non respectées, avec leurs dates : la personne en sera informée."
        value={facts}
        onChange={setFacts}
        rows={3}
        error={errors.fields.facts}
      />
      <FormActions submitLabel="Signaler le manquement" pending={mutation.isPending} />
    </form>
  );
}
