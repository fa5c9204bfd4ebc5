import { type MedicalReferralDetail, medicalRecordKindLabels } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import { Button, FormAlert, SelectField, TextAreaField } from '../../ui';
import { postMedicalRecord } from './api';

/** A medical team member adds a note or a medical diagnosis to the referral's record. */
export function RecordForm({ id, onSaved }: { id: string; onSaved: (d: MedicalReferralDetail) => void }) {
  const [kind, setKind] = useState<'diagnosis' | 'note'>('note');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useMutation({
    mutationFn: () => postMedicalRecord(id, { kind, body: body.trim() }),
    onSuccess: (detail) => {
      setBody('');
      setErrors(noErrors);
      onSaved(detail);
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, ['kind', 'body']));
      focusFirstInvalid(formRef.current);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setErrors({ message: null, fields: { body: 'Le texte est obligatoire.' } });
      focusFirstInvalid(formRef.current);
      return;
    }
    save.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Ajouter un écrit au dossier médical">
      <h3>Ajouter un écrit</h3>
      <FormAlert
        title="L’écrit n’a pas été ajouté au dossier"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Type d’écrit"
        value={kind}
        onChange={(v) => setKind(v as 'diagnosis' | 'note')}
        options={[
          { value: 'note', label: medicalRecordKindLabels.note },
          { value: 'diagnosis', label: medicalRecordKindLabels.diagnosis },
        ]}
      />
      <TextAreaField
        label="Texte"
        rows={5}
        value={body}
        onChange={setBody}
        maxLength={20000}
        error={errors.fields.body}
      />
      <div className="form-actions">
        <Button type="submit" pending={save.isPending}>
          Ajouter au dossier médical
        </Button>
      </div>
    </form>
  );
}
