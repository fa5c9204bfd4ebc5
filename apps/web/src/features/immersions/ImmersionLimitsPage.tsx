import { hoursLabel, immersionLimitsInputSchema } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { ErrorState, LiveMessage, Loading, PageHeader, Section, TextField } from '../../ui';
import { DatedRuleSetForm, RuleSetHistory } from '../../ui/DatedRuleSet';
import { parisToday } from '../agenda/dates';
import { addImmersionLimits, immersionKeys, useImmersionLimits } from './api';

const toNumber = (v: string) => (v.trim() === '' ? Number.NaN : Number(v.replace(',', '.')));

/** The limits of the PMSMP (maximum duration, hours a week) from a date: in force, history, new set. */
export function ImmersionLimitsPage() {
  const limits = useImmersionLimits();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [days, setDays] = useState('30');
  const [hours, setHours] = useState('48');
  return (
    <>
      <PageHeader
        title="Limites des immersions (PMSMP)"
        description={
          <p>
            Une convention est jugée par les limites en vigueur à sa date de début. De nouvelles limites
            s’appliquent à partir d’une date ; les précédentes sont conservées.
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      {limits.isPending ? (
        <Loading label="Chargement des limites…" />
      ) : limits.isError ? (
        <ErrorState error={limits.error} onRetry={() => limits.refetch()} />
      ) : (
        <>
          <Section id="limites-en-vigueur" title="En vigueur aujourd’hui">
            <p>
              {limits.data.current.maxCalendarDays} jours calendaires au plus,{' '}
              {hoursLabel(limits.data.current.maxWeeklyHours)} par semaine au plus (depuis le{' '}
              {formatDate(limits.data.current.effectiveFrom)}).
            </p>
          </Section>
          <Section id="limites-historique" title="Historique">
            <RuleSetHistory
              caption="Limites successives, des plus récentes aux plus anciennes"
              rows={limits.data.rules}
              columns={[
                { key: 'days', header: 'Durée maximale', render: (r) => `${r.maxCalendarDays} jours` },
                { key: 'hours', header: 'Par semaine', render: (r) => hoursLabel(r.maxWeeklyHours) },
              ]}
            />
          </Section>
          <Section id="limites-nouvelles" title="Fixer de nouvelles limites">
            <DatedRuleSetForm
              today={parisToday()}
              schema={immersionLimitsInputSchema}
              input={(common) => ({
                ...common,
                maxCalendarDays: toNumber(days),
                maxWeeklyHours: toNumber(hours),
              })}
              fields={['maxCalendarDays', 'maxWeeklyHours']}
              save={addImmersionLimits}
              onSaved={(saved) => {
                queryClient.setQueryData(immersionKeys.limits, saved);
                setMessage(
                  'Les nouvelles limites sont enregistrées ; les précédentes restent dans l’historique.',
                );
              }}
              title="Les limites n’ont pas été enregistrées"
              submitLabel="Enregistrer ces limites"
              sourceHint="Par exemple : décret, ou délibération du conseil départemental."
            >
              {(errors) => (
                <>
                  <TextField
                    label="Durée maximale (jours calendaires)"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    value={days}
                    onChange={setDays}
                    error={errors.maxCalendarDays}
                  />
                  <TextField
                    label="Heures par semaine au plus"
                    inputMode="decimal"
                    value={hours}
                    onChange={setHours}
                    error={errors.maxWeeklyHours}
                  />
                </>
              )}
            </DatedRuleSetForm>
          </Section>
        </>
      )}
    </>
  );
}
