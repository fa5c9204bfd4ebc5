import type { ImmersionDetail } from '@parcours/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorsFromApi, type FormErrorState, noErrors } from '../../lib/forms';
import { FormActions, FormAlert, Section, TextField } from '../../ui';
import { renewImmersion } from './api';

/** A renewal: a new convention with the same host, after this one; the whole chain stays within the limits. */
export function RenewalForm({ detail: d }: { detail: ImmersionDetail }) {
  const navigate = useNavigate();
  const [startDate, setStart] = useState('');
  const [endDate, setEnd] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [pending, setPending] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors(noErrors);
    try {
      const next = await renewImmersion(d, startDate, endDate);
      await navigate(`/personnes/${d.personId}/immersions/${next.id}`, {
        state: {
          message: 'Le renouvellement est créé en brouillon : vérifiez-le puis soumettez-le à la signature.',
        },
      });
    } catch (error) {
      setErrors(errorsFromApi(error, ['startDate', 'endDate']));
    } finally {
      setPending(false);
    }
  }
  return (
    <Section id="renouvellement" title="Renouveler avec la même structure d’accueil">
      <p>
        Le renouvellement compte dans la durée maximale : {d.limits.maxCalendarDays} jours calendaires au
        plus, renouvellements compris (cette convention en compte {d.calendarDays}).
      </p>
      <form noValidate onSubmit={submit} className="form">
        <FormAlert
          title="Le renouvellement n’a pas été créé"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <TextField
          label="Début du renouvellement"
          type="date"
          value={startDate}
          onChange={setStart}
          error={errors.fields.startDate}
        />
        <TextField
          label="Fin du renouvellement"
          type="date"
          value={endDate}
          onChange={setEnd}
          error={errors.fields.endDate}
        />
        <FormActions submitLabel="Renouveler" pending={pending} />
      </form>
    </Section>
  );
}
