import type { PersonSummary } from '@parcours/contracts';
import { Badge } from '../../ui';

/** Whether the person's rights are open, and whether she is subject to rights and duties. */
export function RightsBadges({ person }: { person: Pick<PersonSummary, 'rightsOpen' | 'subjectToDuties'> }) {
  return (
    <span className="badges">
      {person.rightsOpen ? <Badge tone="success">ouverts</Badge> : <Badge>clos</Badge>}
      {person.subjectToDuties ? <Badge tone="warning">soumis aux droits et devoirs</Badge> : null}
    </span>
  );
}
