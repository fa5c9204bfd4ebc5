import {
  type ContractVersion,
  exemptionGroundLabels,
  hoursRegimeLabels,
  planStepKindLabels,
} from '@parcours/contracts';
import { formatDate } from '../../lib/format';
import { Item, Section, Table } from '../../ui';
import { durationInFrench, hoursLabel } from './draft';
import { WeeklyChart } from './WeeklyChart';

type Step = ContractVersion['plan'][number];

/** A version as the parties read it (proposed, signed, in force): dates, commitments, plan, hours. */
export function ContractView({ version, minimum }: { version: ContractVersion; minimum: number }) {
  const { content } = version;
  return (
    <>
      <Section id="contenu" title={`Contenu de la version n° ${version.number}`}>
        <dl className="summary-list">
          <Item label="Début">{formatDate(content.startDate)}</Item>
          <Item label="Fin">{formatDate(content.endDate)}</Item>
          <Item label="Durée">{durationInFrench(content.startDate, content.endDate) ?? '—'}</Item>
          <Item label="Durée hebdomadaire">
            {hoursRegimeLabels[content.hoursRegime]}
            {content.hoursRegime === 'reduced' && content.reducedReason
              ? ` — motif : ${content.reducedReason}`
              : ''}
            {content.hoursRegime === 'exempt' && content.exemptionGround
              ? ` — motif : ${exemptionGroundLabels[content.exemptionGround]}`
              : ''}
          </Item>
        </dl>
        <h3>Engagements de la structure d’accompagnement</h3>
        <p className="break">{content.bodyCommitments || '—'}</p>
        <h3>Engagements de la personne</h3>
        <p className="break">{content.personCommitments || '—'}</p>
      </Section>
      <Section id="plan" title="Plan d’action">
        {version.plan.length === 0 ? (
          <p className="muted">Aucune étape.</p>
        ) : (
          <Table<Step>
            caption="Étapes du plan d’action"
            captionHidden
            rows={[...version.plan].sort((a, b) => a.position - b.position)}
            rowKey={(s) => s.id}
            columns={[
              { key: 'label', header: 'Étape', rowHeader: true, render: (s) => s.actionTitle ?? s.label },
              { key: 'objective', header: 'Objectif', render: (s) => s.objectiveLabel ?? s.objectiveId },
              { key: 'kind', header: 'Type', render: (s) => planStepKindLabels[s.kind] },
              {
                key: 'hours',
                header: 'Heures par semaine',
                nowrap: true,
                render: (s) => hoursLabel(s.weeklyHours),
              },
              {
                key: 'period',
                header: 'Période',
                nowrap: true,
                render: (s) => `du ${formatDate(s.startDate)} au ${formatDate(s.endDate)}`,
              },
            ]}
          />
        )}
        {version.referralSteps.length > 0 ? (
          <>
            <h3>Fiches de liaison comptées dans les heures</h3>
            <ul>
              {version.referralSteps.map((r) => (
                <li key={r.referralId}>
                  {r.label} : {hoursLabel(r.weeklyHours)} par semaine, du {formatDate(r.startDate)}
                  {r.endDate ? ` au ${formatDate(r.endDate)}` : ' à la fin du contrat'}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <WeeklyChart weeks={version.weeks} minimum={minimum} />
      </Section>
    </>
  );
}
