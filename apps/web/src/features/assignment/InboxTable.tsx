import { type InboxItem, orientationPathwayLabels, plural } from '@parcours/contracts';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { Badge, type Column, Table } from '../../ui';

const pathwayLabel = (p: string) => orientationPathwayLabels[p as keyof typeof orientationPathwayLabels] ?? p;

function Deadline({ label, due, overdue }: { label: string; due: string | null; overdue: boolean }) {
  if (!due) return null;
  return (
    <li>
      <Badge tone={overdue ? 'danger' : 'neutral'}>
        {label} : {formatDate(due)}
        {overdue ? ' — dépassé' : ''}
      </Badge>
    </li>
  );
}

/** The persons to assign, oldest orientation first, each with a checkbox and the deadlines. */
export function InboxTable({
  items,
  selected,
  onToggle,
  onToggleAll,
}: {
  items: InboxItem[];
  selected: ReadonlySet<string>;
  onToggle: (personId: string, checked: boolean) => void;
  onToggleAll: (checked: boolean) => void;
}) {
  const all = items.length > 0 && items.every((i) => selected.has(i.personId));
  const columns: Column<InboxItem>[] = [
    {
      key: 'pick',
      header: (
        <input
          type="checkbox"
          className="table-checkbox"
          aria-label="Tout sélectionner"
          checked={all}
          onChange={(e) => onToggleAll(e.target.checked)}
        />
      ),
      render: (i) => (
        <input
          type="checkbox"
          className="table-checkbox"
          aria-label={`Sélectionner ${i.firstName} ${i.lastName}`}
          checked={selected.has(i.personId)}
          onChange={(e) => onToggle(i.personId, e.target.checked)}
        />
      ),
    },
    {
      key: 'person',
      header: 'Personne',
      rowHeader: true,
      render: (i) => (
        <Link to={`/personnes/${i.personId}`}>
          {i.firstName} {i.lastName}
        </Link>
      ),
    },
    {
      key: 'oriented',
      header: 'Orientation',
      nowrap: true,
      render: (i) => (
        <>
          {formatDate(i.orientedOn)}
          <br />
          <span className="muted">{pathwayLabel(i.pathway)}</span>
        </>
      ),
    },
    {
      key: 'days',
      header: 'Depuis',
      nowrap: true,
      render: (i) => plural(i.daysSinceOrientation, 'jour', 'jours'),
    },
    {
      key: 'deadlines',
      header: 'Échéances',
      render: (i) => (
        <ul className="plain-list">
          <Deadline label="1er rendez-vous" due={i.firstAppointmentDue} overdue={i.firstAppointmentOverdue} />
          <Deadline label="Contrat (délai légal)" due={i.contractLegalDue} overdue={i.contractLegalOverdue} />
          <Deadline
            label="Contrat (objectif)"
            due={i.contractConventionDue}
            overdue={i.contractConventionOverdue}
          />
        </ul>
      ),
    },
  ];
  return (
    <Table
      caption={`Personnes orientées sans référent (${items.length}), de la plus ancienne orientation à la plus récente`}
      rows={items}
      rowKey={(i) => i.personId}
      columns={columns}
    />
  );
}
