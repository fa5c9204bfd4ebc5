import type { FluxReport, FluxRun } from '@parcours/contracts';
import { Link } from 'react-router';
import { formatDate, formatNumber, plural } from '../../lib/format';
import { type Column, Table } from '../../ui';
import { useCan } from '../auth/session';

interface CountRow {
  label: string;
  created: number;
  updated: number;
  unchanged: number;
}

/** What an applied file changed: counts, new entrants, registrations and suspected duplicates. */
export function FluxAppliedDetails({ run, report }: { run: FluxRun; report: FluxReport }) {
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
            {report.coordinateConflicts ? (
              <li>
                {plural(
                  report.coordinateConflicts,
                  'coordonnée en désaccord avec une saisie sur le dossier (à vérifier sur le dossier)',
                  'coordonnées en désaccord avec une saisie sur le dossier (à vérifier sur les dossiers)',
                )}
              </li>
            ) : null}
          </ul>
        </div>
      </div>
    </>
  );
}
