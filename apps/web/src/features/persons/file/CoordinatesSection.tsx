import { type Coordinates, coordinateSourceLabels } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate } from '../../../lib/format';
import { Button, EmptyState, ErrorState, Item, Loading, Section } from '../../../ui';
import { useCan } from '../../auth/session';
import { useCoordinates } from '../coordinates-api';
import { consentLabel } from '../labels';
import { CoordinateConflicts } from './CoordinateConflicts';
import { CoordinatesForm } from './CoordinatesForm';
import { RectificationHistory } from './RectificationHistory';

type Provenance = Coordinates['address']['provenance'];

/** "déclaré par la personne, le 02/12/2026, saisi par Claire Martin". */
function provenanceText(p: Provenance): string {
  const parts = [coordinateSourceLabels[p.source] ?? p.source];
  if (p.factOn) parts.push(`le ${formatDate(p.factOn)}`);
  if (p.authorName) parts.push(`saisi par ${p.authorName}`);
  return parts.join(', ');
}

function ContactLine({ value }: { value: Coordinates['phone'] }) {
  if (!value) return <>—</>;
  return (
    <>
      <strong>{value.value}</strong>{' '}
      <span className={value.consent?.toUpperCase() === 'R' ? 'text-warning' : 'muted'}>
        ({consentLabel(value.consent)}
        {value.consentOn ? ` le ${formatDate(value.consentOn)}` : ''}
        {value.consentSource ? `, ${coordinateSourceLabels[value.consentSource] ?? value.consentSource}` : ''}
        )
      </span>
      <br />
      <span className="muted">Source : {provenanceText(value.provenance)}</span>
    </>
  );
}

function addressText(a: Coordinates['address']): string | null {
  const line = [a.streetNumber, a.street, a.complement, a.locality, a.postalCode, a.communeName]
    .filter(Boolean)
    .join(' ');
  return line || null;
}

function CoordinatesView({ c }: { c: Coordinates }) {
  const address = addressText(c.address);
  return (
    <dl className="summary-list">
      <Item label="Téléphone">
        <ContactLine value={c.phone} />
      </Item>
      <Item label="Adresse e-mail">
        <ContactLine value={c.email} />
      </Item>
      <Item label="Adresse postale">
        {address ? <strong>{address}</strong> : '—'}
        {address ? (
          <>
            <br />
            <span className="muted">Source : {provenanceText(c.address.provenance)}</span>
          </>
        ) : null}
      </Item>
    </dl>
  );
}

/** Phone, e-mail, postal address and consents: shown, corrected, their history and flux conflicts. */
export function CoordinatesSection({ personId }: { personId: string }) {
  const query = useCoordinates(personId);
  const canWrite = useCan('person.contact.write');
  const [editing, setEditing] = useState(false);

  let body: React.ReactNode;
  if (query.isPending) body = <Loading label="Chargement des coordonnées…" />;
  else if (query.isError)
    body = (
      <ErrorState
        title="Les coordonnées n’ont pas pu être chargées."
        error={query.error}
        onRetry={() => query.refetch()}
      />
    );
  else if (!query.data.householdId)
    body = (
      <EmptyState title="Cette personne n’est rattachée à aucun foyer : aucune coordonnée à afficher." />
    );
  else {
    const c = query.data;
    body = (
      <>
        <CoordinateConflicts conflicts={c.conflicts} personId={personId} canDecide={canWrite} />
        {editing ? (
          <CoordinatesForm
            personId={personId}
            coordinates={c}
            refetch={() => query.refetch()}
            onClose={() => setEditing(false)}
          />
        ) : (
          <>
            <CoordinatesView c={c} />
            {canWrite ? (
              <p>
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  Modifier les coordonnées
                </Button>
              </p>
            ) : null}
          </>
        )}
        <RectificationHistory rows={c.rectifications} />
      </>
    );
  }
  return (
    <Section id="coordonnees" title="Coordonnées">
      {body}
    </Section>
  );
}
