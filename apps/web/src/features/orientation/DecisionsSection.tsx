import { type Orientation, orientationProgrammeLabels } from '@parcours/contracts';
import { formatDate } from '../../lib/format';
import { Badge, type Column, EmptyState, Section, Table, VisuallyHidden } from '../../ui';
import { letterUrl } from './api';

export function DecisionsSection({ orientations }: { orientations: Orientation[] }) {
  const columns: Column<Orientation>[] = [
    {
      key: 'date',
      header: 'Date',
      rowHeader: true,
      render: (o) => (
        <>
          <time dateTime={o.notifiedOn}>{formatDate(o.notifiedOn)}</time>
          {o.current ? (
            <>
              {' '}
              <Badge tone="success">En cours</Badge>
            </>
          ) : null}
        </>
      ),
    },
    { key: 'pathway', header: 'Parcours', render: (o) => o.pathwayLabel },
    {
      key: 'structure',
      header: 'Structure',
      render: (o) => (
        <>
          {o.structureName}
          {o.programme ? <span className="muted"> · {orientationProgrammeLabels[o.programme]}</span> : null}
        </>
      ),
    },
    {
      key: 'by',
      header: 'Décision',
      render: (o) =>
        o.source === 'parcours' ? (
          <>
            {o.decidedByName ?? '—'}
            {o.overridden ? (
              <>
                <br />
                <Badge tone="warning">Proposition modifiée</Badge>{' '}
                <span className="muted">{o.overrideReason}</span>
              </>
            ) : null}
            {o.reorientationReason ? (
              <>
                <br />
                <span className="muted">Réorientation : {o.reorientationReason}</span>
              </>
            ) : null}
          </>
        ) : (
          <span className="muted">Reprise de l’outil précédent</span>
        ),
    },
    {
      key: 'letter',
      header: 'Courrier',
      render: (o) =>
        o.hasLetter ? (
          <a href={letterUrl(o.id)} download>
            Télécharger le courrier de notification
            <VisuallyHidden> du {formatDate(o.notifiedOn)}</VisuallyHidden>
          </a>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  return (
    <Section id="decisions" title="Décisions d’orientation">
      {orientations.length === 0 ? (
        <EmptyState title="La personne n’a encore jamais été orientée." />
      ) : (
        <Table
          caption="Historique des orientations, de la plus récente à la plus ancienne"
          captionHidden
          columns={columns}
          rows={orientations}
          rowKey={(o) => o.id}
        />
      )}
    </Section>
  );
}
