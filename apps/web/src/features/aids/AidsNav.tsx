import { useLocation } from 'react-router';
import { FilterLinks } from '../../ui';

const pages = [
  { to: '/aides', label: 'Demandes à traiter' },
  { to: '/aides/enveloppes', label: 'Enveloppes' },
  { to: '/aides/ordres', label: 'Ordres de paiement' },
  { to: '/aides/plafonds', label: 'Plafonds' },
];

/** The aids manager's screens. */
export function AidsNav() {
  const { pathname } = useLocation();
  return (
    <FilterLinks
      label="Écrans des aides individuelles"
      items={pages.map((p) => ({ key: p.to, to: p.to, label: p.label, current: pathname === p.to }))}
    />
  );
}
