import { Link } from 'react-router';
import { BackLink, useKeptOrigin } from '../../ui/BackLink';

/**
 * Back from the orientation workspace: to the page the agent came from (the queue with its
 * filters) and to the person's file, which keeps that origin; without one, to the file.
 */
export function WorkspaceBackLink({ personId }: { personId: string }) {
  const origin = useKeptOrigin();
  const file = `/personnes/${encodeURIComponent(personId)}`;
  if (!origin) return <BackLink fallback={{ to: file, label: 'Dossier de la personne' }} />;
  return (
    <div className="back-links">
      <BackLink />
      <p className="back-link">
        <Link to={file} state={origin}>
          Dossier de la personne
        </Link>
      </p>
    </div>
  );
}
