import { MASKING_RULE, NEVER_EXPORTED, statisticsQuerySchema } from '@parcours/contracts';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { formatDate, todayIso } from '../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Button, ErrorState, FilterForm, FormAlert, Loading, PageHeader, TextField } from '../../ui';
import { dreesXlsxUrl, useDreesStatistics } from './api';
import { DreesTableView } from './DreesTableView';
import './statistics.css';

/** The survey's usual date: the last 31 December. */
const lastThirtyFirstDecember = (today: string) => `${Number(today.slice(0, 4)) - 1}-12-31`;

/**
 * The DREES yearly survey (orientation and accompaniment of RSA beneficiaries) on a date: the
 * tables as the API masks them (« < 5 »), each with its definition, and the XLSX to send.
 * The date lives in the address: a view can be shared as a link.
 */
export function StatisticsPage() {
  const [params, setParams] = useSearchParams();
  const on = params.get('on') ?? lastThirtyFirstDecember(todayIso());
  const stats = useDreesStatistics(on);
  const refused = isApiError(stats.error) && stats.error.status === 400;
  const apiErrors = refused ? errorsFromApi(stats.error, ['on']) : noErrors;

  return (
    <>
      <PageHeader
        title="Statistiques DREES"
        description={
          <p>
            L’enquête annuelle sur l’orientation et l’accompagnement des bénéficiaires du RSA, calculée à une
            date (normalement le 31 décembre) à partir des droits, entrées, orientations, inscriptions à
            France Travail et contrats enregistrés. {MASKING_RULE}
          </p>
        }
      />
      <DateForm key={on} on={on} apiErrors={apiErrors} onApply={(next) => setParams({ on: next })} />
      {stats.isPending ? <Loading label="Calcul des statistiques…" /> : null}
      {stats.isError && !refused ? (
        <ErrorState title="Les statistiques n’ont pas pu être calculées." error={stats.error} />
      ) : null}
      {stats.data && !refused ? (
        <div aria-busy={stats.isFetching || undefined}>
          <p aria-live="polite">
            <strong>Situation au {formatDate(stats.data.on)}</strong> — flux (délais, réorientations) du{' '}
            {formatDate(stats.data.yearStart)} au {formatDate(stats.data.on)}.
          </p>
          <p>
            <a className="button button--secondary button--sm" href={dreesXlsxUrl(stats.data.on)} download>
              Télécharger les tableaux (XLSX)
            </a>
          </p>
          <p className="muted">
            « &lt; 5 » : effectif masqué (secret statistique) — effectif de 1 à 4, ou case masquée en plus
            pour qu’aucun total ne permette de retrouver une petite case. {NEVER_EXPORTED}
          </p>
          {stats.data.tables.map((t, i) => (
            <DreesTableView key={t.key} table={t} index={i + 1} />
          ))}
        </div>
      ) : null}
    </>
  );
}

/** The observation date, checked with the API's own schema; the API's refusal under the field. */
function DateForm({
  on,
  apiErrors,
  onApply,
}: {
  on: string;
  apiErrors: FormErrorState;
  onApply: (on: string) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [value, setValue] = useState(on);
  const [errors, setErrors] = useState<FormErrorState | null>(null);
  const shown = errors ?? apiErrors;

  function submit() {
    const result = validate(statisticsQuerySchema, { on: value });
    if (!result.ok || !result.data.on) {
      setErrors({
        message: null,
        fields: result.ok ? { on: 'La date est obligatoire.' } : result.errors.fields,
      });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(null);
    onApply(result.data.on);
  }

  return (
    <FilterForm formRef={formRef} label="Date des statistiques" onSubmit={submit}>
      <FormAlert
        title="Les statistiques n’ont pas été calculées"
        message={shown.message && shown.message !== shown.fields.on ? shown.message : null}
        fieldCount={Object.keys(shown.fields).length}
      />
      <TextField
        label="Date d’observation"
        name="on"
        type="date"
        hint="Normalement le 31 décembre de l’année de l’enquête."
        value={value}
        onChange={setValue}
        error={shown.fields.on}
      />
      <div className="filters__actions">
        <Button type="submit">Afficher les statistiques</Button>
      </div>
    </FilterForm>
  );
}
