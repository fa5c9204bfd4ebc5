import { type OrientationWorkspace, orientationPathwayLabels } from '@parcours/contracts';
import { formatDate, plural } from '../../lib/format';
import { Alert, Badge, Item, Section } from '../../ui';

function daysLeft(days: number | null) {
  if (days === null) return null;
  if (days < 0) return <Badge tone="danger">dépassé de {plural(-days, 'jour', 'jours')}</Badge>;
  return (
    <Badge tone={days <= 7 ? 'warning' : 'neutral'}>{plural(days, 'jour restant', 'jours restants')}</Badge>
  );
}

export function SituationSection({ w }: { w: OrientationWorkspace }) {
  const { entry, rights, household } = w;
  return (
    <Section id="situation" title="Situation">
      {rights.decisionBlockedReason ? (
        <Alert tone="warning" title="Cette personne ne peut pas être orientée">
          <p>{rights.decisionBlockedReason}</p>
        </Alert>
      ) : null}
      <dl className="summary-list">
        <Item label="Date d’entrée">
          {entry ? (
            <time dateTime={entry.entryDate}>{formatDate(entry.entryDate)}</time>
          ) : (
            'Aucune entrée enregistrée'
          )}
        </Item>
        {entry ? (
          <>
            <Item label="Objectif d’orientation (1 mois)">
              <time dateTime={entry.targetDate}>{formatDate(entry.targetDate)}</time>{' '}
              {entry.orientedOn ? null : daysLeft(entry.daysLeftTarget)}
            </Item>
            <Item label="Délai légal">
              {entry.legalDeadline ? (
                <>
                  <time dateTime={entry.legalDeadline}>{formatDate(entry.legalDeadline)}</time>{' '}
                  {entry.orientedOn ? null : daysLeft(entry.daysLeftLegal)}
                </>
              ) : (
                'Aucun délai légal pour cette date d’entrée'
              )}
            </Item>
            <Item label="Orientation de cette entrée">
              {entry.orientedOn
                ? `Orientée le ${formatDate(entry.orientedOn)}${entry.orientationPathway ? ` (${orientationPathwayLabels[entry.orientationPathway as keyof typeof orientationPathwayLabels]?.toLowerCase() ?? entry.orientationPathway})` : ''}`
                : 'Pas encore orientée'}
            </Item>
          </>
        ) : null}
        <Item label="Droits">
          {rights.current
            ? `${rights.current.statusLabel} depuis le ${formatDate(rights.current.from)}${rights.current.subjectToDuties ? ', soumis aux droits et devoirs' : ', non soumis aux droits et devoirs'}`
            : 'Aucun droit enregistré'}
        </Item>
        <Item label="Foyer">
          {household.compositionLabel}
          {household.children.length > 0 ? (
            <span className="muted">
              {' '}
              (enfants :{' '}
              {household.children.map((c) => `${c.firstName}, ${plural(c.age, 'an', 'ans')}`).join(' ; ')})
            </span>
          ) : null}
        </Item>
      </dl>
      {entry ? <p className="form-note">Délais : {entry.ruleSource}.</p> : null}
    </Section>
  );
}
