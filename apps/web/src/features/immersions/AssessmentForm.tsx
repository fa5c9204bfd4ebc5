import {
  type ImmersionDetail,
  immersionOutcomeLabels,
  immersionOutcomes,
  offerContractLabels,
  offerContracts,
} from '@parcours/contracts';
import { useState } from 'react';
import { errorsFromApi, type FormErrorState, noErrors } from '../../lib/forms';
import { Checkbox, FormActions, FormAlert, Section, SelectField, TextAreaField } from '../../ui';
import { assessImmersion } from './api';

/** The end assessment: how it went, skills observed, a job offer and its contract, the host's comment. */
export function AssessmentForm({
  detail: d,
  onChanged,
}: {
  detail: ImmersionDetail;
  onChanged: (d: ImmersionDetail, message: string) => void;
}) {
  const [outcome, setOutcome] = useState('');
  const [skills, setSkills] = useState('');
  const [jobOffer, setJobOffer] = useState(false);
  const [offerContract, setOfferContract] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors(noErrors);
    try {
      const next = await assessImmersion(d, {
        outcome: outcome as 'completed',
        skillsObserved: skills || null,
        jobOffer,
        offerContract: jobOffer ? ((offerContract || null) as 'cdi' | null) : null,
        hostComment: comment || null,
      });
      onChanged(next, 'Le bilan de l’immersion est enregistré.');
    } catch (error) {
      setErrors(errorsFromApi(error, ['outcome', 'offerContract', 'skillsObserved', 'hostComment']));
    } finally {
      setPending(false);
    }
  }

  return (
    <Section id="bilan-saisie" title="Bilan de fin d’immersion">
      <form noValidate onSubmit={submit} className="form">
        <FormAlert
          title="Le bilan n’a pas été enregistré"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <SelectField
          label="Déroulement"
          placeholder="Choisir"
          value={outcome}
          onChange={setOutcome}
          options={immersionOutcomes.map((o) => ({ value: o, label: immersionOutcomeLabels[o] }))}
          error={errors.fields.outcome}
        />
        <TextAreaField
          label="Compétences observées"
          optional
          value={skills}
          onChange={setSkills}
          error={errors.fields.skillsObserved}
        />
        <Checkbox
          label="La structure d’accueil propose une embauche"
          checked={jobOffer}
          onChange={setJobOffer}
        />
        {jobOffer ? (
          <SelectField
            label="Contrat proposé"
            placeholder="Choisir le contrat"
            value={offerContract}
            onChange={setOfferContract}
            options={offerContracts
              .filter((c) => c !== 'none')
              .map((c) => ({ value: c, label: offerContractLabels[c] }))}
            error={errors.fields.offerContract}
          />
        ) : null}
        <TextAreaField
          label="Commentaire de la structure d’accueil"
          optional
          value={comment}
          onChange={setComment}
          error={errors.fields.hostComment}
        />
        <FormActions submitLabel="Enregistrer le bilan" pending={pending} />
      </form>
    </Section>
  );
}
