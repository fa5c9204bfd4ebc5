import { type Diagnosis, type OrientationWorkspace, obstacleSeverityLabels } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../lib/format';
import { Badge, Button, type Column, EmptyState, ErrorState, Item, Loading, Section, Table } from '../../ui';
import { useCan } from '../auth/session';
import { useDiagnosticReferential } from './api';
import { DiagnosisForm } from './DiagnosisForm';

function DiagnosisView({ d }: { d: Diagnosis }) {
  return (
    <>
      <dl className="summary-list">
        <Item label="Date">{formatDate(d.diagnosedOn)}</Item>
        <Item label="Situation vis-à-vis de l’emploi">{d.employmentSituationLabel}</Item>
        <Item label="Niveau de qualification">{d.qualificationLevelLabel ?? 'Non renseigné'}</Item>
        <Item label="Expérience professionnelle">{d.experience ?? '—'}</Item>
        <Item label="Projet professionnel">{d.project ?? '—'}</Item>
        <Item label="Commentaires">{d.comments ?? '—'}</Item>
        <Item label="Saisi par">
          {d.authorName ?? '—'}, le {formatDateTime(d.recordedAt)}
        </Item>
      </dl>
      {d.obstacles.length === 0 ? (
        <p className="muted">Aucun frein relevé.</p>
      ) : (
        <Table
          caption={`Freins relevés (version ${d.versionNo})`}
          columns={obstacleColumns}
          rows={d.obstacles}
          rowKey={(o) => `${o.themeId}-${o.situationId ?? ''}`}
        />
      )}
    </>
  );
}

type Obstacle = Diagnosis['obstacles'][number];
const severityTones = { light: 'neutral', moderate: 'warning', severe: 'danger' } as const;
const obstacleColumns: Column<Obstacle>[] = [
  { key: 'theme', header: 'Thème', rowHeader: true, render: (o) => o.themeLabel },
  { key: 'situation', header: 'Situation', render: (o) => o.situationLabel ?? '—' },
  {
    key: 'severity',
    header: 'Sévérité',
    render: (o) => <Badge tone={severityTones[o.severity]}>{obstacleSeverityLabels[o.severity]}</Badge>,
  },
  { key: 'comment', header: 'Commentaire', render: (o) => o.comment ?? '—' },
];

export function DiagnosisSection({
  w,
  onSaved,
}: {
  w: OrientationWorkspace;
  onSaved: (d: Diagnosis) => void;
}) {
  const canWrite = useCan('diagnosis.write');
  const [editing, setEditing] = useState(false);
  const referential = useDiagnosticReferential();
  const [latest, ...older] = w.diagnoses;
  return (
    <Section id="diagnostic" title="Diagnostic">
      {editing ? (
        referential.isPending ? (
          <Loading label="Chargement du référentiel du diagnostic…" />
        ) : referential.isError ? (
          <ErrorState error={referential.error} onRetry={() => referential.refetch()} />
        ) : (
          <DiagnosisForm
            personId={w.person.id}
            referential={referential.data}
            previous={latest ?? null}
            onCancel={() => setEditing(false)}
            onSaved={(d) => {
              setEditing(false);
              onSaved(d);
            }}
          />
        )
      ) : (
        <>
          {latest ? (
            <>
              <h3>Version {latest.versionNo} (la plus récente)</h3>
              <DiagnosisView d={latest} />
            </>
          ) : (
            <EmptyState title="Aucun diagnostic n’est encore saisi pour cette personne." />
          )}
          {canWrite ? (
            <div className="form-actions">
              <Button onClick={() => setEditing(true)}>
                {latest ? 'Saisir une nouvelle version du diagnostic' : 'Saisir le diagnostic'}
              </Button>
            </div>
          ) : null}
          {older.length > 0 ? (
            <>
              <h3>Versions précédentes</h3>
              {older.map((d) => (
                <details key={d.id} className="details">
                  <summary className="details__summary">
                    Version {d.versionNo} du {formatDate(d.diagnosedOn)}
                  </summary>
                  <DiagnosisView d={d} />
                </details>
              ))}
            </>
          ) : null}
        </>
      )}
    </Section>
  );
}
