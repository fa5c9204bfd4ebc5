import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Section } from '../../ui';
import { useCan } from '../auth/session';
import { AuditEvents, shownCount } from './AuditEventsTable';
import { usePersonAudit } from './api';

/**
 * « Qui a consulté ce dossier » on the person's file, for the roles that read the journal. Loaded
 * on demand: reading it is itself recorded in the journal.
 */
export function PersonAccessSection({ personId }: { personId: string }) {
  const canRead = useCan('audit.read');
  if (!canRead) return null;
  return <PersonAccess personId={personId} />;
}

function PersonAccess({ personId }: { personId: string }) {
  const [open, setOpen] = useState(false);
  const events = usePersonAudit(personId, open);
  return (
    <Section id="acces" title="Qui a consulté ce dossier ?">
      <p>
        Les ouvertures de ce dossier, les actions sur le dossier et les listes (recherches, files, exports) où
        la personne est apparue, avec l’agent, son rôle et la date. Leur consultation est elle-même
        enregistrée dans le journal des accès.
      </p>
      {open ? (
        <AuditEvents
          events={events}
          forPerson
          caption={(n) => `Accès à ce dossier, du plus récent au plus ancien (${shownCount(n)})`}
          emptyTitle="Aucun accès à ce dossier n’est enregistré."
        />
      ) : (
        <p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Afficher les accès à ce dossier
          </Button>
        </p>
      )}
      <p>
        <Link to={`/administration/journal?personne=${encodeURIComponent(personId)}`}>
          Rechercher les accès à ce dossier dans le journal (par agent, action, période)
        </Link>
      </p>
    </Section>
  );
}
