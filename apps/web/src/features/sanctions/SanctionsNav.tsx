import type { Permission } from '@parcours/contracts';
import { useLocation } from 'react-router';
import { FilterLinks } from '../../ui';
import { useActor } from '../auth/session';

/** The sanction screens; each shown to the roles whose permission allows it. */
export const sanctionPages: { to: string; label: string; permission: Permission }[] = [
  { to: '/sanctions', label: 'Manquements à examiner', permission: 'sanction.read' },
  { to: '/sanctions/ep', label: 'Équipes pluridisciplinaires', permission: 'ep.read' },
  { to: '/sanctions/sas', label: 'SAS de rétablissement', permission: 'sas.read' },
  { to: '/sanctions/caf', label: 'Transmission à la CAF', permission: 'caf.transmit' },
];

export function SanctionsNav() {
  const { pathname } = useLocation();
  const actor = useActor();
  const pages = sanctionPages.filter((p) => actor.permissions.includes(p.permission));
  if (pages.length < 2) return null;
  return (
    <FilterLinks
      label="Écrans des droits et devoirs"
      items={pages.map((p) => ({ key: p.to, to: p.to, label: p.label, current: pathname === p.to }))}
    />
  );
}
