import type { MedicalReferralDetail } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { isApiError } from '../../lib/api';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
} from '../../lib/forms';
import { Button, Checkbox, ConflictAlert, FormAlert, TextAreaField } from '../../ui';
import { postRecommendation } from './api';

/** The medical team's opinion: the only part of its work others see (on the current version). */
export function RecommendationForm({
  r,
  reload,
  onSaved,
}: {
  r: MedicalReferralDetail;
  reload: () => Promise<unknown>;
  onSaved: (d: MedicalReferralDetail) => void;
}) {
  const [compatibleActions, setCompatibleActions] = useState('');
  const [carePathwayAdvised, setCarePathwayAdvised] = useState(false);
  const [recommendation, setRecommendation] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [conflict, setConflict] = useState<'conflict' | 'reloading' | 'reloaded' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useMutation({
    mutationFn: () =>
      postRecommendation(r.id, {
        compatibleActions: compatibleActions.trim(),
        carePathwayAdvised,
        recommendation: emptyToNull(recommendation),
        version: r.version,
      }),
    onSuccess: onSaved,
    onError: (error) => {
      if (
        isApiError(error) &&
        error.status === 409 &&
        error.code === 'CONFLICT' &&
        /modifiée/.test(error.message)
      ) {
        setConflict('conflict');
        return;
      }
      setErrors(errorsFromApi(error, ['compatibleActions', 'carePathwayAdvised', 'recommendation']));
      focusFirstInvalid(formRef.current);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!compatibleActions.trim()) {
      setErrors({
        message: null,
        fields: { compatibleActions: 'Indiquez les actions compatibles avec l’état de santé.' },
      });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    save.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Rendre l’avis">
      {conflict ? (
        <ConflictAlert
          reloading={conflict === 'reloading'}
          reloaded={conflict === 'reloaded'}
          onReload={() => {
            setConflict('reloading');
            void reload().then(() => setConflict('reloaded'));
          }}
        />
      ) : null}
      <FormAlert
        title="L’avis n’a pas été enregistré"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <TextAreaField
        label="Actions compatibles"
        hint="Sans détail médical : ce texte est visible des agents qui accompagnent la personne."
        value={compatibleActions}
        onChange={setCompatibleActions}
        maxLength={2000}
        error={errors.fields.compatibleActions}
      />
      <Checkbox
        label="Parcours de soins conseillé"
        checked={carePathwayAdvised}
        onChange={setCarePathwayAdvised}
      />
      <TextAreaField
        label="Recommandation"
        optional
        value={recommendation}
        onChange={setRecommendation}
        maxLength={4000}
        error={errors.fields.recommendation}
      />
      <div className="form-actions">
        <Button type="submit" pending={save.isPending}>
          Rendre l’avis
        </Button>
      </div>
    </form>
  );
}
