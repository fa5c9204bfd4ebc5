import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { ErrorState, LiveMessage, Loading, PageHeader, Section } from '../../ui';
import { RuleSetHistory } from '../../ui/DatedRuleSet';
import { useSanctionRules } from './api';
import { capLabel, epLabel, levelLabel, practiceLabel } from './labels';
import { PracticeForm } from './PracticeForm';
import { RegimeForm } from './RegimeForm';

/**
 * The sanction rules from a date (RULES.md "Sanctions"): the legal regime and the département's
 * practice (sheet 3-9), each in force today, its history and a new set. A case is judged by the
 * sets in force at the date of its facts.
 */
export function SanctionRulesPage() {
  const rules = useSanctionRules();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Règles des sanctions"
        description={
          <p>
            Un manquement est jugé par le régime en vigueur à la date des faits : le régime antérieur pour des
            faits d’avant le 1er juin 2025, la suspension-remobilisation depuis. Un nouveau régime ou une
            nouvelle pratique s’applique à partir d’une date ; les précédents sont conservés.
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      {rules.isPending ? (
        <Loading label="Chargement des règles des sanctions…" />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
      ) : (
        <>
          <Section id="regime-en-vigueur" title="Régime en vigueur aujourd’hui">
            <p>
              {rules.data.regime.current.label} (depuis le{' '}
              {formatDate(rules.data.regime.current.effectiveFrom)}) : premier manquement{' '}
              {levelLabel(rules.data.regime.current.first)} ; manquement répété{' '}
              {levelLabel(rules.data.regime.current.repeated)} ; plafond {capLabel(rules.data.regime.current)}
              .
            </p>
          </Section>
          <Section id="regimes-historique" title="Régimes successifs">
            <RuleSetHistory
              caption="Régimes des sanctions, des plus récents aux plus anciens"
              rows={rules.data.regime.rules}
              columns={[
                { key: 'regime', header: 'Régime', render: (r) => `${r.label} (${r.regime})` },
                { key: 'first', header: 'Premier manquement', render: (r) => levelLabel(r.first) },
                { key: 'repeated', header: 'Manquement répété', render: (r) => levelLabel(r.repeated) },
                { key: 'cap', header: 'Plafond', render: capLabel },
                { key: 'window', header: 'Réitération', render: (r) => `${r.repeatWindowMonths} mois` },
                { key: 'ep', header: 'Équipe pluridisciplinaire', render: epLabel },
              ]}
            />
          </Section>
          <Section id="regime-nouveau" title="Fixer un nouveau régime">
            <RegimeForm current={rules.data.regime.current} onSaved={setMessage} />
          </Section>
          <Section id="pratique-en-vigueur" title="Pratique du département en vigueur aujourd’hui">
            <p>{practiceLabel(rules.data.practice.current)}</p>
          </Section>
          <Section id="pratiques-historique" title="Pratiques successives">
            <RuleSetHistory
              caption="Pratiques du département, des plus récentes aux plus anciennes"
              rows={rules.data.practice.rules}
              columns={[{ key: 'steps', header: 'Étapes', render: practiceLabel }]}
            />
          </Section>
          <Section id="pratique-nouvelle" title="Fixer une nouvelle pratique">
            <PracticeForm current={rules.data.practice.current} onSaved={setMessage} />
          </Section>
        </>
      )}
    </>
  );
}
