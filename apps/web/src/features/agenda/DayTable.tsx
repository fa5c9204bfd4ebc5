import type { AgendaSlot } from '@parcours/contracts';
import { Badge, Button, type Column, Table } from '../../ui';
import { capitalised, dayLabel, timeRange } from './dates';
import { appointmentPurposeLabels, placesLabel, slotKindLabels, slotTitle } from './labels';

/** The slots of one day of the week, each with its button to open it. */
export function DayTable({
  date,
  slots,
  selectedId,
  onOpen,
}: {
  date: string;
  slots: AgendaSlot[];
  selectedId: string | null;
  onOpen: (id: string) => void;
}) {
  const label = capitalised(dayLabel(date));
  const columns: Column<AgendaSlot>[] = [
    {
      key: 'time',
      header: 'Horaire',
      rowHeader: true,
      render: (s) => <span className="nowrap">{timeRange(s.startTime, s.endTime)}</span>,
    },
    { key: 'kind', header: 'Type', render: (s) => slotKindLabels[s.kind] },
    { key: 'purpose', header: 'Objet', render: (s) => appointmentPurposeLabels[s.purpose] },
    { key: 'advisor', header: 'Conseiller', render: (s) => s.advisorName ?? '—' },
    { key: 'place', header: 'Lieu', render: (s) => s.place },
    {
      key: 'places',
      header: 'Places',
      render: (s) =>
        s.status === 'cancelled' ? (
          <Badge tone="neutral">Annulé</Badge>
        ) : (
          <Badge tone={s.free === 0 ? 'warning' : s.past ? 'neutral' : 'success'}>{placesLabel(s)}</Badge>
        ),
    },
    {
      key: 'open',
      header: 'Détail',
      render: (s) => (
        <Button
          size="sm"
          variant={selectedId === s.id ? 'primary' : 'secondary'}
          aria-current={selectedId === s.id ? 'true' : undefined}
          aria-label={`Ouvrir : ${slotTitle(s)}`}
          data-slot-opener={s.id}
          onClick={() => onOpen(s.id)}
        >
          Ouvrir
        </Button>
      ),
    },
  ];
  return (
    <div className="agenda-day">
      <h3>{label}</h3>
      <Table
        caption={`Créneaux du ${dayLabel(date)}`}
        captionHidden
        columns={columns}
        rows={slots}
        rowKey={(s) => s.id}
        className="table--compact"
      />
    </div>
  );
}
