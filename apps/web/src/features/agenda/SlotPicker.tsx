import { type AppointmentPurpose, appointmentPurposes } from '@parcours/contracts';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Button, SelectField, type SelectOptionGroup } from '../../ui';
import { useSlots } from './api';
import { addDays, capitalised, dayLabel, parisToday, timeRange } from './dates';
import { appointmentPurposeLabels, placesLabel, slotKindLabels } from './labels';

const WEEKS_STEP = 4;

/**
 * Choice of a free, future slot of the agent's agendas, grouped by day (a native select: quick
 * with the keyboard, read well by screen readers).
 */
export function SlotPicker({
  value,
  onChange,
  initialPurpose,
  excludeSlotId,
  error,
  label = 'Créneau',
}: {
  value: string;
  onChange: (slotId: string) => void;
  initialPurpose?: AppointmentPurpose | undefined;
  excludeSlotId?: string | null | undefined;
  error?: string | undefined;
  label?: string;
}) {
  const [purpose, setPurpose] = useState<AppointmentPurpose | ''>(initialPurpose ?? '');
  const [weeks, setWeeks] = useState(WEEKS_STEP);
  const from = parisToday();
  const to = addDays(from, weeks * 7 - 1);
  const slots = useSlots({ from, to, purpose: purpose || undefined, available: true });
  const items = (slots.data ?? []).filter((s) => s.id !== excludeSlotId);

  const groups: SelectOptionGroup[] = [];
  for (const slot of items) {
    const day = capitalised(dayLabel(slot.date));
    let group = groups.find((g) => g.label === day);
    if (!group) {
      group = { label: day, options: [] };
      groups.push(group);
    }
    group.options.push({
      value: slot.id,
      label: `${timeRange(slot.startTime, slot.endTime)} · ${slotKindLabels[slot.kind]} · ${appointmentPurposeLabels[slot.purpose]}${slot.advisorName ? ` · ${slot.advisorName}` : ''} · ${placesLabel(slot)}`,
    });
  }
  const chosen = items.find((s) => s.id === value);

  return (
    <div>
      <SelectField
        label="Objet du rendez-vous"
        value={purpose}
        onChange={(v) => {
          setPurpose(v as AppointmentPurpose | '');
          onChange('');
        }}
        optional
        placeholder="Tous les objets"
        options={appointmentPurposes.map((p) => ({ value: p, label: appointmentPurposeLabels[p] }))}
      />
      <SelectField
        label={label}
        data-autofocus
        value={chosen ? value : ''}
        onChange={onChange}
        placeholder={
          slots.isPending
            ? 'Chargement des créneaux libres…'
            : items.length === 0
              ? 'Aucun créneau libre sur la période'
              : 'Choisir un créneau libre'
        }
        groups={groups}
        hint={`Créneaux libres de votre agenda, du ${dayLabel(from)} au ${dayLabel(to)}.`}
        error={error ?? (slots.isError ? errorMessage(slots.error) : undefined)}
      />
      {chosen ? (
        <p className="muted">
          Lieu : {chosen.place}
          {chosen.advisorName ? ` — avec ${chosen.advisorName}` : ''}
        </p>
      ) : null}
      {weeks < 26 ? (
        <p>
          <Button variant="tertiary" size="sm" onClick={() => setWeeks((w) => w + WEEKS_STEP)}>
            Voir {WEEKS_STEP} semaines de plus
          </Button>
        </p>
      ) : null}
    </div>
  );
}
