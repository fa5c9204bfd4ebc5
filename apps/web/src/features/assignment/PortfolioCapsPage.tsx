import { type PortfolioCapSet, structureKindLabels } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { ErrorState, LiveMessage, Loading, PageHeader, Section } from '../../ui';
import { RuleSetHistory } from '../../ui/DatedRuleSet';
import { usePortfolioCaps } from './api';
import { CapsForm } from './CapsForm';

const summary = (s: PortfolioCapSet) =>
  [
    `accompagnement global ${s.globalSupportPair}`,
    ...(
      [
        'mds',
        'lieu_accueil',
        'ccas',
        'plie',
        'mission_locale',
        'france_travail',
        'cap_emploi',
        'operator',
      ] as const
    ).map((k) => `${structureKindLabels[k].replace(/ \(.*\)$/, '')} ${s.byKind[k]}`),
  ].join(' · ');

/** Portfolio caps per référent: in force, history, a new dated set. */
export function PortfolioCapsPage() {
  const caps = usePortfolioCaps();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Plafonds de portefeuille"
        description={
          <p>
            Le nombre de personnes qu’un référent unique suit au plus, par type de structure, et pour un
            binôme d’accompagnement global. Au-delà, une affectation demande un motif. Des plafonds
            s’appliquent à partir d’une date ; les précédents sont conservés.
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      {caps.isPending ? (
        <Loading label="Chargement des plafonds…" />
      ) : caps.isError ? (
        <ErrorState error={caps.error} onRetry={() => caps.refetch()} />
      ) : (
        <>
          <Section id="plafonds-en-vigueur" title="En vigueur aujourd’hui">
            <p>
              Depuis le {formatDate(caps.data.current.effectiveFrom)} : {summary(caps.data.current)}.
            </p>
          </Section>
          <Section id="plafonds-historique" title="Historique">
            <RuleSetHistory
              caption="Plafonds successifs, du plus récent au plus ancien"
              rows={caps.data.sets}
              columns={[{ key: 'values', header: 'Plafonds', render: summary }]}
            />
          </Section>
          <Section id="plafonds-nouveaux" title="Fixer de nouveaux plafonds">
            <CapsForm current={caps.data.current} onSaved={setMessage} />
          </Section>
        </>
      )}
    </>
  );
}
