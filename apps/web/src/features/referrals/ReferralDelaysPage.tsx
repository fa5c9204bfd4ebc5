import { referralDelayInputSchema } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate, plural } from '../../lib/format';
import { ErrorState, LiveMessage, Loading, PageHeader, Section, TextField } from '../../ui';
import { DatedRuleSetForm, RuleSetHistory } from '../../ui/DatedRuleSet';
import { parisToday } from '../agenda/dates';
import { addReferralDelays, referralKeys, useReferralDelays } from './api';

/** The delay after which an unanswered fiche de liaison is flagged: in force, history, new delay. */
export function ReferralDelaysPage() {
  const delays = useReferralDelays();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [days, setDays] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Délai de réponse aux fiches de liaison"
        description={
          <p>
            Le nombre de jours dont dispose un opérateur pour répondre à une fiche de liaison. Au-delà, la
            fiche est signalée « sans réponse » à l’opérateur et au référent. Chaque fiche est jugée par le
            délai en vigueur le jour de son envoi ; les délais précédents sont conservés.
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      {delays.isPending ? (
        <Loading label="Chargement des délais…" />
      ) : delays.isError ? (
        <ErrorState error={delays.error} onRetry={() => delays.refetch()} />
      ) : (
        <>
          <Section id="delai-en-vigueur" title="En vigueur aujourd’hui">
            <p>
              {plural(delays.data.current.answerDays, 'jour', 'jours')} (depuis le{' '}
              {formatDate(delays.data.current.effectiveFrom)}).
            </p>
          </Section>
          <Section id="delai-historique" title="Historique">
            <RuleSetHistory
              caption="Délais successifs, du plus récent au plus ancien"
              rows={delays.data.rules}
              columns={[
                { key: 'days', header: 'Délai', render: (r) => plural(r.answerDays, 'jour', 'jours') },
              ]}
            />
          </Section>
          <Section id="delai-nouveau" title="Fixer un nouveau délai">
            <DatedRuleSetForm
              today={parisToday()}
              schema={referralDelayInputSchema}
              input={(common) => {
                const raw = days ?? String(delays.data.current.answerDays);
                return { ...common, answerDays: raw.trim() === '' ? Number.NaN : Number(raw) };
              }}
              fields={['answerDays']}
              save={addReferralDelays}
              onSaved={(saved) => {
                queryClient.setQueryData(referralKeys.delays, saved);
                setMessage('Le nouveau délai est enregistré ; les précédents restent dans l’historique.');
              }}
              title="Le délai n’a pas été enregistré"
              submitLabel="Enregistrer ce délai"
              sourceHint="Par exemple : décision du comité de pilotage du PDI du 12 janvier."
            >
              {(errors) => (
                <TextField
                  label="Délai de réponse en jours"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={days ?? String(delays.data.current.answerDays)}
                  onChange={setDays}
                  error={errors.answerDays}
                />
              )}
            </DatedRuleSetForm>
          </Section>
        </>
      )}
    </>
  );
}
