import {
  api,
  type SanctionStatistics,
  sanctionOutcomeLabels,
  sanctionStatisticsQuerySchema,
} from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { call } from '../../lib/client';
import { todayIso } from '../../lib/format';
import { type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import {
  Button,
  EmptyState,
  ErrorState,
  FilterForm,
  FormAlert,
  Loading,
  PageHeader,
  PeriodFields,
  Table,
} from '../../ui';
import { regimeNames } from './SanctionsSection';

type Row = SanctionStatistics['rows'][number];

const monthLabel = (m: string) =>
  new Date(`${m}-01T12:00:00`).toLocaleDateString('fr-FR', { month: 'long', year: 'numeric' });

/** Steering: sanction cases counted per month of opening, regime and outcome (no person named). */
export function SanctionStatisticsPage() {
  const today = todayIso();
  const formRef = useRef<HTMLFormElement>(null);
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from, to });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const stats = useQuery({
    queryKey: ['sanctions', 'statistics', period.from, period.to],
    queryFn: ({ signal }) => call(api.sanctionCases.statistics, { query: period, signal }),
  });
  function submit() {
    const result = validate(sanctionStatisticsQuerySchema, { from, to });
    if (!result.ok) {
      setErrors({ message: null, fields: result.errors.fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    setPeriod({ from: result.data.from, to: result.data.to });
  }
  const total = stats.data?.rows.reduce((n, r) => n + r.cases, 0) ?? 0;
  return (
    <>
      <PageHeader
        title="Sanctions : suivi"
        description={
          <p>
            Les procédures de sanction comptées par mois d’ouverture, par régime (celui en vigueur à la date
            des faits) et par issue : en cours, suspension, pas de sanction, réorientation, radiation, annulée
            ; les suspensions terminées par la remobilisation de la personne sont comptées à part. Aucune
            personne n’est nommée.
          </p>
        }
      />
      <FilterForm formRef={formRef} label="Période" onSubmit={submit}>
        <FormAlert
          title="Les chiffres n’ont pas été calculés"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <PeriodFields from={from} to={to} onFrom={setFrom} onTo={setTo} errors={errors.fields} />
        <div className="filters__actions">
          <Button type="submit">Afficher</Button>
        </div>
      </FilterForm>
      {stats.isPending ? (
        <Loading label="Calcul des chiffres…" />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => stats.refetch()} />
      ) : stats.data.rows.length === 0 ? (
        <EmptyState title="Aucune procédure ouverte sur la période." />
      ) : (
        <Table<Row>
          caption={`${total} procédure(s) ouverte(s) du ${period.from.split('-').reverse().join('/')} au ${period.to.split('-').reverse().join('/')}`}
          rows={stats.data.rows}
          rowKey={(r) => `${r.month}-${r.regime}-${r.outcome}`}
          columns={[
            { key: 'month', header: 'Mois d’ouverture', rowHeader: true, render: (r) => monthLabel(r.month) },
            { key: 'regime', header: 'Régime', render: (r) => regimeNames[r.regime] ?? r.regime },
            { key: 'outcome', header: 'Issue', render: (r) => sanctionOutcomeLabels[r.outcome] },
            { key: 'cases', header: 'Procédures', render: (r) => r.cases },
            { key: 'remobilised', header: 'Dont remobilisations', render: (r) => r.remobilised },
          ]}
        />
      )}
    </>
  );
}
