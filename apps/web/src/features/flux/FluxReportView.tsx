import type { FluxReport, FluxRun } from '@parcours/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDateTime, formatDuration, formatNumber, plural } from '../../lib/format';
import { Alert, Button, type Column, Item, Table } from '../../ui';
import { useCan } from '../auth/session';
import { applicationLabels, natFluxLabels, typeFluxLabels } from './api';

const errorPage = 100;

type FluxError = FluxReport['rejected'][number];
type Anomaly = FluxReport['anomalies'][number];

function codeLabel(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return labels[code] ? `${code} — ${labels[code]}` : code;
}

/** The report of one flux file: what was applied (or why nothing was), for the agent who imported it. */
export function FluxReportView({ run, report }: { run: FluxRun; report: FluxReport }) {
  return (
    <div className="report">
      <StatusMessage report={report} />
      <dl className="summary-list">
        <Item label="Fichier">
          <span className="break">{report.fileName}</span>
        </Item>
        <Item label="Format">{report.format.toUpperCase()}</Item>
        {report.header ? (
          <>
            <Item label="Nature du flux">{codeLabel(natFluxLabels, report.header.natFlux)}</Item>
            <Item label="Type de flux">{codeLabel(typeFluxLabels, report.header.typeFlux)}</Item>
            <Item label="Date de création du flux">
              {formatDate(report.header.createdOn)}
              {report.header.createdAtTime && report.header.createdAtTime !== '00:00:00'
                ? ` à ${report.header.createdAtTime.slice(0, 5).replace(':', ' h ')}`
                : ''}
            </Item>
            {report.header.application ? (
              <Item label="Application émettrice">
                {codeLabel(applicationLabels, report.header.application)}
              </Item>
            ) : null}
          </>
        ) : null}
        <Item label="Importé par">{run.actorName ?? 'Traitement automatique'}</Item>
        <Item label="Début du traitement">{formatDateTime(run.startedAt)}</Item>
        <Item label="Durée">{formatDuration(report.durationMs)}</Item>
      </dl>

      {report.status === 'applied' ? <AppliedDetails run={run} report={report} /> : null}
      <Errors report={report} />
      <Anomalies anomalies={report.anomalies} />
      <Skipped skipped={report.skippedElements} />
    </div>
  );
}

function StatusMessage({ report }: { report: FluxReport }) {
  if (report.status === 'rejected') {
    return (
      <Alert tone="error" title="Fichier rejeté : aucune donnée n’a été appliquée" live="off">
        <p>{report.message}</p>
        <p>
          Le fichier entier a été refusé pour{' '}
          {plural(report.rejectedCount, 'erreur détaillée', 'erreurs détaillées')} ci-dessous. Aucun foyer ni
          aucune personne n’a été créé ou modifié. Faites corriger le fichier, puis importez-le à nouveau.
        </p>
      </Alert>
    );
  }
  if (report.status === 'duplicate') {
    return (
      <Alert tone="info" title="Fichier déjà importé : rien n’a été appliqué de nouveau" live="off">
        <p>{report.message}</p>
      </Alert>
    );
  }
  if (report.status === 'running') {
    return (
      <Alert tone="info" title="Traitement en cours" live="off">
        <p>{report.message}</p>
      </Alert>
    );
  }
  return (
    <Alert tone="success" title="Fichier appliqué" live="off">
      <p>{report.message}</p>
    </Alert>
  );
}

interface CountRow {
  label: string;
  created: number;
  updated: number;
  unchanged: number;
}

function AppliedDetails({ run, report }: { run: FluxRun; report: FluxReport }) {
  const canRead = useCan('person.read');
  const canFt = useCan('ft.manage');
  const canReview = useCan('duplicates.review');
  const rows: CountRow[] = [
    { label: 'Foyers', ...report.households },
    { label: 'Personnes', ...report.persons },
  ];
  const columns: Column<CountRow>[] = [
    { key: 'label', header: 'Dossiers', rowHeader: true, render: (r) => r.label },
    { key: 'created', header: 'Créés', render: (r) => formatNumber(r.created) },
    { key: 'updated', header: 'Mis à jour', render: (r) => formatNumber(r.updated) },
    { key: 'unchanged', header: 'Inchangés', render: (r) => formatNumber(r.unchanged) },
    {
      key: 'total',
      header: 'Total lus',
      render: (r) => formatNumber(r.created + r.updated + r.unchanged),
    },
  ];
  const from = `/flux?run=${encodeURIComponent(run.id)}`;
  const others = report.newEntrants - report.newEntrantSamples.length;

  return (
    <>
      <Table caption="Foyers et personnes du fichier" columns={columns} rows={rows} rowKey={(r) => r.label} />
      <div className="report-grid">
        <div className="report-card">
          <h3>Nouveaux entrants</h3>
          <p className="report-card__value">{formatNumber(report.newEntrants)}</p>
          <p>
            {report.newEntrants === 0
              ? 'Aucune personne n’entre dans le dispositif avec ce fichier.'
              : `${report.newEntrants > 1 ? 'personnes entrent' : 'personne entre'} dans le dispositif (droits ouverts et soumises aux droits et devoirs).`}
          </p>
          {report.newEntrantSamples.length > 0 ? (
            <ul className="plain-list compact-list">
              {report.newEntrantSamples.map((sample) => (
                <li key={sample.personId}>
                  {canRead ? (
                    <Link to={`/personnes/${encodeURIComponent(sample.personId)}`} state={{ from }}>
                      {sample.name}
                    </Link>
                  ) : (
                    sample.name
                  )}{' '}
                  <span className="muted">
                    — entrée le <time dateTime={sample.entryDate}>{formatDate(sample.entryDate)}</time>
                  </span>
                </li>
              ))}
              {others > 0 ? <li className="muted">et {plural(others, 'autre', 'autres')}</li> : null}
            </ul>
          ) : null}
        </div>
        <div className="report-card">
          <h3>Inscriptions France Travail</h3>
          <p className="report-card__value">{formatNumber(report.franceTravailPending)}</p>
          <p>
            {report.franceTravailPending > 1
              ? 'inscriptions en attente (à transmettre à France Travail).'
              : 'inscription en attente (à transmettre à France Travail).'}
          </p>
          {canFt && report.franceTravailPending > 0 ? (
            <p>
              <Link to="/france-travail">Préparer le lot d’inscription</Link>
            </p>
          ) : null}
        </div>
        <div className="report-card">
          <h3>Doublons suspectés</h3>
          <p className="report-card__value">{formatNumber(report.duplicatesSuspected)}</p>
          <p>
            {report.duplicatesSuspected > 1
              ? 'rapprochements incertains à vérifier par un agent.'
              : 'rapprochement incertain à vérifier par un agent.'}
          </p>
          {canReview && report.duplicatesSuspected > 0 ? (
            <p>
              <Link to="/doublons">Examiner les rapprochements</Link>
            </p>
          ) : null}
        </div>
        <div className="report-card">
          <h3>Contacts</h3>
          <ul className="plain-list compact-list">
            <li>{plural(report.contacts.updated, 'contact mis à jour', 'contacts mis à jour')}</li>
            <li>
              {plural(
                report.contacts.unmatched,
                'contact sans dossier correspondant',
                'contacts sans dossier correspondant',
              )}
            </li>
          </ul>
        </div>
      </div>
    </>
  );
}

function Errors({ report }: { report: FluxReport }) {
  const [shown, setShown] = useState(errorPage);
  if (report.rejectedCount === 0 && report.rejected.length === 0) return null;
  const visible = report.rejected.slice(0, shown);
  const columns: Column<FluxError>[] = [
    {
      key: 'place',
      header: 'Emplacement',
      rowHeader: true,
      className: 'cell--code',
      render: (e) => <code className="break">{e.place}</code>,
    },
    { key: 'field', header: 'Champ', render: (e) => (e.field ? <code>{e.field}</code> : '—') },
    { key: 'reason', header: 'Motif', className: 'cell--wide', render: (e) => e.reason },
  ];
  const count = Math.max(report.rejectedCount, report.rejected.length);
  return (
    <section className="report-part" aria-labelledby="erreurs">
      <h3 id="erreurs">
        {report.status === 'rejected' ? 'Erreurs qui ont fait rejeter le fichier' : 'Éléments rejetés'} (
        {formatNumber(count)})
      </h3>
      {report.rejectedCount > report.rejected.length ? (
        <p className="muted">
          Le rapport conserve les {formatNumber(report.rejected.length)} premières erreurs sur{' '}
          {formatNumber(report.rejectedCount)}.
        </p>
      ) : null}
      <Table
        caption={`Erreurs du fichier (${plural(visible.length, 'affichée', 'affichées')} sur ${formatNumber(count)})`}
        captionHidden
        columns={columns}
        rows={visible}
        rowKey={(e) => `${e.place}|${e.field ?? ''}|${e.reason}`}
      />
      {report.rejected.length > visible.length ? (
        <p>
          <Button variant="secondary" size="sm" onClick={() => setShown((n) => n + errorPage * 5)}>
            Afficher plus d’erreurs
            <span className="sr-only">
              {' '}
              ({formatNumber(report.rejected.length - visible.length)} restantes)
            </span>
          </Button>
        </p>
      ) : null}
    </section>
  );
}

function Anomalies({ anomalies }: { anomalies: Anomaly[] }) {
  if (anomalies.length === 0) return null;
  const columns: Column<Anomaly>[] = [
    { key: 'claim', header: 'N° de dossier', rowHeader: true, render: (a) => a.claimNumber },
    { key: 'text', header: 'Anomalie', className: 'cell--wide', render: (a) => a.text },
  ];
  return (
    <section className="report-part" aria-labelledby="anomalies">
      <h3 id="anomalies">Anomalies signalées par l’organisme ({formatNumber(anomalies.length)})</h3>
      <p className="muted">Textes LIBANO transmis avec les dossiers ; ils n’empêchent pas l’import.</p>
      <Table
        caption="Anomalies signalées par l’organisme (LIBANO)"
        captionHidden
        columns={columns}
        rows={anomalies}
        rowKey={(a) => `${a.claimNumber}|${a.text}`}
      />
    </section>
  );
}

function Skipped({ skipped }: { skipped: Record<string, number> }) {
  const entries = Object.entries(skipped).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return null;
  return (
    <section className="report-part" aria-labelledby="ignores">
      <h3 id="ignores">Éléments non lus par Parcours</h3>
      <details className="details">
        <summary className="details__summary">
          Afficher les {plural(entries.length, 'élément', 'éléments')} du fichier que Parcours n’utilise pas
        </summary>
        <p className="muted">Ce ne sont pas des erreurs : ces informations ne servent pas dans Parcours.</p>
        <Table
          caption="Éléments non lus par Parcours"
          captionHidden
          columns={[
            {
              key: 'name',
              header: 'Élément',
              rowHeader: true,
              render: ([name]: [string, number]) => <code>{name}</code>,
            },
            {
              key: 'count',
              header: 'Occurrences',
              render: ([, count]: [string, number]) => formatNumber(count),
            },
          ]}
          rows={entries}
          rowKey={([name]) => name}
        />
      </details>
    </section>
  );
}
