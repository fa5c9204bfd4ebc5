import type { CoordinateConflict } from '@parcours/contracts';
import { isApiError } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { Alert, Button } from '../../../ui';
import { useDecideConflict } from '../coordinates-api';

const groupLabels: Record<CoordinateConflict['field'], string> = {
  phone: 'Téléphone',
  email: 'Adresse e-mail',
  address: 'Adresse postale',
};

function entered(c: CoordinateConflict) {
  return `valeur saisie le ${formatDate(c.enteredOn)}${c.enteredBy ? ` par ${c.enteredBy}` : ''}`;
}

/** What the CAF said against what was entered on the file, and the agent's way to settle it. */
function ConflictItem({
  conflict,
  personId,
  canDecide,
}: {
  conflict: CoordinateConflict;
  personId: string;
  canDecide: boolean;
}) {
  const decide = useDecideConflict(personId);
  const choose = (keep: 'flux' | 'entered') =>
    decide.mutate({ conflictId: conflict.id, keep, version: conflict.version });
  const title = groupLabels[conflict.field];
  return (
    <li className="conflict">
      <h4>{title}</h4>
      {conflict.outcome === 'kept' ? (
        <p>
          La CAF indique <strong>{conflict.fluxValue}</strong> (flux du {formatDate(conflict.fluxOn)}) ;{' '}
          {entered(conflict)} : <strong>{conflict.enteredValue}</strong>, plus récente, conservée.
        </p>
      ) : (
        <p>
          La CAF indique <strong>{conflict.fluxValue}</strong> (flux du {formatDate(conflict.fluxOn)}), plus
          récent que la {entered(conflict)} : <strong>{conflict.enteredValue}</strong>, qu’il a remplacée.
        </p>
      )}
      {canDecide ? (
        <div className="form-actions">
          <Button size="sm" pending={decide.isPending} onClick={() => choose('flux')}>
            {conflict.outcome === 'kept' ? 'Appliquer la valeur de la CAF' : 'Confirmer la valeur de la CAF'}
          </Button>
          <Button size="sm" variant="secondary" pending={decide.isPending} onClick={() => choose('entered')}>
            {conflict.outcome === 'kept' ? 'Conserver la valeur saisie' : 'Rétablir la valeur saisie'}
          </Button>
        </div>
      ) : null}
      {decide.isError ? (
        <Alert tone="error" title="Le choix n’a pas été enregistré">
          <p>
            {isApiError(decide.error, 'CONFLICT')
              ? 'Ce désaccord a déjà été traité ou a changé : rechargez la page.'
              : 'Réessayez dans un instant.'}
          </p>
        </Alert>
      ) : null}
    </li>
  );
}

export function CoordinateConflicts({
  conflicts,
  personId,
  canDecide,
}: {
  conflicts: CoordinateConflict[];
  personId: string;
  canDecide: boolean;
}) {
  if (conflicts.length === 0) return null;
  return (
    <Alert tone="warning" title="La CAF et la valeur saisie ne concordent pas">
      <ul className="conflict-list">
        {conflicts.map((c) => (
          <ConflictItem key={c.id} conflict={c} personId={personId} canDecide={canDecide} />
        ))}
      </ul>
    </Alert>
  );
}
