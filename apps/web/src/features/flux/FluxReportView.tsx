import type { FluxReport, FluxRun } from '@parcours/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDateTime, formatDuration, formatNumber, plural } from '../../lib/format';
import { Alert, Button, type Column, Item, Table } from '../../ui';
import { useCan } from '../auth/session';
import { applicationLabels, natFluxLabels, typeFluxLabels } from './api';

const errorPage = 100;

type FluxError = FluxReport['rejected'][number];
type IdentityConflict = NonNullable<FluxReport['identityConflicts']>[number];

/** "Appliquer les lignes valides": the same file again, its valid households applied. */
export interface ApplyValidAction {
  pending: boolean;
  error: string | null;
  run: () => void;
}
type Anomaly = FluxReport['anomalies'][number];

function codeLabel(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return labels[code] ? `${code} — ${labels[code]}` : code;
}

/** The report of one flux file: what was applied (or why nothing was), for the agent who imported it. */
export function FluxReportView({
  run,
  report,
  applyValid = null,
}: {
  run: FluxRun;
  report: FluxReport;
  applyValid?: ApplyValidAction | null;
}) {
  return (
    <div className="report">
      <StatusMessage report={report} applyValid={applyValid} />
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
      <IdentityConflicts report={report} />
      <Anomalies anomalies={report.anomalies} />
      <Skipped skipped={report.skippedElements} />
    </div>
  );
}

function StatusMessage({ report, applyValid }: { report: FluxReport; applyValid: ApplyValidAction | null }) {
  if (report.status === 'rejected') {
    return (
      <Alert tone="error" title="Fichier rejeté : aucune donnée n’a été appliquée" live="off">
        <p>{report.message}</p>
        {report.rejectedCount > 0 ? (
          <p>
            Le fichier entier a été refusé pour{' '}
            {plural(report.rejectedCount, 'erreur détaillée', 'erreurs détaillées')} ci-dessous (ligne ou
            emplacement, champ, motif). Aucun foyer ni aucune personne n’a été créé ou modifié. Faites
            corriger le fichier, puis importez-le à nouveau.
          </p>
        ) : null}
        {report.partialApplyAllowed ? (
          applyValid ? (
            <>
              <p>
                Les erreurs ne concernent que certains foyers : vous pouvez appliquer les foyers valides. Les
                foyers en erreur ne seront pas modifiés et resteront listés dans le rapport.
              </p>
              <p>
                <Button variant="secondary" pending={applyValid.pending} onClick={applyValid.run}>
                  Appliquer les lignes valides
                </Button>
              </p>
              {applyValid.error ? <p role="alert">{applyValid.error}</p> : null}
            </>
          ) : (
            <p>
              Les erreurs ne concernent que certains foyers : envoyez à nouveau le fichier depuis cet écran,
              son rapport proposera d’appliquer les lignes valides.
            </p>
          )
        ) : null}
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
        {report.members ? (
          <div className="report-card">
            <h3>Composition des foyers</h3>
            <ul className="plain-list compact-list">
              <li>{plural(report.members.joined, 'arrivée dans un foyer', 'arrivées dans un foyer')}</li>
              <li>
                {plural(
                  report.members.left,
                  'départ (ne figure plus dans aucun foyer)',
                  'départs (ne figurent plus dans aucun foyer)',
                )}
              </li>
              <li>{plural(report.members.moved, 'changement de foyer', 'changements de foyer')}</li>
            </ul>
            <p className="muted">
              La composition suit la dernière déclaration de la CAF ; l’historique est conservé.
            </p>
          </div>
        ) : null}
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

const identityFields: Record<string, string> = {
  nir: 'NIR',
  birthDate: 'date de naissance',
  birthName: 'nom de naissance',
  sex: 'sexe',
};

function identityText(i: IdentityConflict['incoming']): string {
  return `${i.birthName} ${i.firstName}, né(e) le ${formatDate(i.birthDate)}, sexe ${i.sex}${i.nir ? `, NIR ${i.nir}` : ''}`;
}

/** Lines matched to a known person of another identity: recorded apart, never written over her. */
function IdentityConflicts({ report }: { report: FluxReport }) {
  const conflicts = report.identityConflicts ?? [];
  if (conflicts.length === 0) return null;
  const count = Math.max(report.identityConflictCount ?? 0, conflicts.length);
  const columns: Column<IdentityConflict>[] = [
    {
      key: 'place',
      header: 'Emplacement',
      rowHeader: true,
      className: 'cell--code',
      render: (c) => (
        <>
          <code className="break">{c.place}</code>
          <br />
          dossier {c.claimNumber}
        </>
      ),
    },
    {
      key: 'fields',
      header: 'Diffère par',
      render: (c) => c.fields.map((f) => identityFields[f] ?? f).join(', '),
    },
    { key: 'incoming', header: 'Identité dans le fichier', render: (c) => identityText(c.incoming) },
    { key: 'existing', header: 'Personne connue', render: (c) => identityText(c.existing) },
  ];
  return (
    <section className="report-part" aria-labelledby="conflits">
      <h3 id="conflits">Conflits d’identité ({formatNumber(count)})</h3>
      <p className="muted">
        Ces lignes désignent une personne déjà connue sous une autre identité. Elles n’ont pas été appliquées
        sur cette personne : elles sont enregistrées à part et la paire attend l’examen des doublons.
      </p>
      <Table
        caption="Conflits d’identité du fichier"
        captionHidden
        columns={columns}
        rows={conflicts}
        rowKey={(c) => `${c.place}|${c.existing.personId}`}
      />
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
