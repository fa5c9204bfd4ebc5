import type { PersonSummary } from '@parcours/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, formatNir } from '../../lib/format';
import { Badge } from '../../ui';
import { useCan } from '../auth/session';
import { householdRoleLabel, personName, sexLabels } from '../persons/labels';
import { RightsBadges } from '../persons/RightsBadges';

interface Row {
  label: string;
  render: (p: PersonSummary) => ReactNode;
  /** Compared value (differences are pointed out); none for rows not worth comparing. */
  value?: (p: PersonSummary) => string;
}

function normalise(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** The two files side by side, differences pointed out. */
export function Comparison({ a, b }: { a: PersonSummary; b: PersonSummary }) {
  const canSeeNir = useCan('person.nir');
  const canRead = useCan('person.read');
  const rows: Row[] = [
    { label: 'Nom de naissance', render: (p) => p.birthName, value: (p) => p.birthName },
    { label: 'Nom d’usage', render: (p) => p.usualName ?? '—', value: (p) => p.usualName ?? '' },
    { label: 'Prénom', render: (p) => p.firstName, value: (p) => p.firstName },
    {
      label: 'Date de naissance',
      render: (p) => <time dateTime={p.birthDate}>{formatDate(p.birthDate)}</time>,
      value: (p) => p.birthDate,
    },
    { label: 'Sexe', render: (p) => sexLabels[p.sex], value: (p) => p.sex },
  ];
  if (canSeeNir) {
    rows.push({ label: 'NIR', render: (p) => formatNir(p.nir), value: (p) => p.nir ?? '' });
  }
  rows.push(
    { label: 'N° de dossier', render: (p) => p.claimNumber ?? '—', value: (p) => p.claimNumber ?? '' },
    { label: 'Rôle dans le foyer', render: (p) => householdRoleLabel(p.householdRole) },
    { label: 'Commune', render: (p) => p.communeName ?? '—', value: (p) => p.communeName ?? '' },
    { label: 'Pôle', render: (p) => p.hubName ?? '—' },
    { label: 'Droits', render: (p) => <RightsBadges person={p} /> },
  );
  if (canRead) {
    rows.push({
      label: 'Dossier',
      render: (p) => (
        <Link to={`/personnes/${encodeURIComponent(p.id)}`} state={{ from: '/doublons' }}>
          Ouvrir le dossier<span className="sr-only"> de {personName(p)}</span>
        </Link>
      ),
    });
  }

  return (
    <div className="table-wrapper">
      <table className="table compare">
        <caption className="sr-only">Comparaison des deux dossiers</caption>
        <thead>
          <tr>
            <th scope="col">Information</th>
            <th scope="col">Premier dossier</th>
            <th scope="col">Second dossier</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const differs = row.value ? normalise(row.value(a)) !== normalise(row.value(b)) : false;
            return (
              <tr key={row.label} className={differs ? 'row--diff' : undefined}>
                <th scope="row">
                  {row.label}
                  {differs ? (
                    <>
                      {' '}
                      <Badge tone="warning">différent</Badge>
                    </>
                  ) : null}
                </th>
                <td>{row.render(a)}</td>
                <td>{row.render(b)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
