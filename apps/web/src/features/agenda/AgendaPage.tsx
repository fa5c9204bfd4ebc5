import { type AgendaSlot, appointmentPurposes } from '@parcours/contracts';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { plural } from '../../lib/format';
import { Button, EmptyState, ErrorState, LiveMessage, Loading, PageHeader, SelectField } from '../../ui';
import { useActor, useCan } from '../auth/session';
import { useHubs } from '../territory/api';
import { useSlots } from './api';
import { CreateSlotsForm } from './CreateSlotsForm';
import { DayTable } from './DayTable';
import { DayView } from './DayView';
import { addDays, dayLabel, isIsoDay, mondayOf, parisToday, timeRange } from './dates';
import { appointmentPurposeLabels, isPurpose } from './labels';
import { SlotPanel } from './SlotPanel';
import { WeekOverview } from './WeekOverview';

/** Today, or next Monday during the weekend (no agenda then). */
function defaultDay(): string {
  const today = parisToday();
  const monday = mondayOf(today);
  return addDays(monday, 5) <= today ? addDays(monday, 7) : today;
}

/** Agenda of the agent's pôle or structure: a week of slots, their attendees, new slots. */
export function AgendaPage() {
  const [params, setParams] = useSearchParams();
  const actor = useActor();
  const canManage = useCan('agenda.manage');
  const chooseHub = actor.hubId === null && actor.structureId === null;
  const rawWeek = params.get('semaine');
  const rawDay = params.get('jour');
  // `jour`: the daily list of that day; otherwise the week.
  const day = isIsoDay(rawDay) ? rawDay : null;
  const week = mondayOf(day ?? (isIsoDay(rawWeek) ? rawWeek : defaultDay()));
  const rawPurpose = params.get('objet');
  const purpose = isPurpose(rawPurpose) ? rawPurpose : undefined;
  const hubId = chooseHub ? (params.get('pole') ?? undefined) : undefined;
  const slotId = params.get('creneau');
  const [message, setMessage] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const lastOpener = useRef<string | null>(null);

  const slots = useSlots({ from: week, to: addDays(week, 6), purpose, hubId }, day === null);

  function update(changes: Record<string, string | null>, replace = false) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace });
  }

  function dayHref(d: string) {
    const next = new URLSearchParams(params);
    for (const key of ['semaine', 'creneau', 'objet']) next.delete(key);
    next.set('jour', d);
    return `/agenda?${next.toString()}`;
  }

  function openSlot(id: string) {
    lastOpener.current = id;
    setMessage(null);
    update({ creneau: id });
    setFocusRequest((n) => n + 1);
  }

  function closeSlot() {
    const opener = lastOpener.current;
    update({ creneau: null });
    requestAnimationFrame(() => {
      const button = opener ? document.querySelector<HTMLElement>(`[data-slot-opener="${opener}"]`) : null;
      (button ?? document.querySelector<HTMLElement>('main h1'))?.focus();
    });
  }

  const weekEnd = addDays(week, 6);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const byDay = new Map<string, AgendaSlot[]>();
  for (const slot of slots.data ?? []) byDay.set(slot.date, [...(byDay.get(slot.date) ?? []), slot]);

  return (
    <>
      <PageHeader
        title="Agenda"
        description={
          <p>
            Créneaux d’entretien individuel et séances collectives de votre{' '}
            {actor.structureName ? 'structure' : actor.hubName ? 'pôle' : 'département'}
            {(actor.structureName ?? actor.hubName) ? ` (${actor.structureName ?? actor.hubName})` : ''}. Les
            heures sont celles de Paris.
          </p>
        }
        actions={
          canManage ? (
            <Button
              variant={creating ? 'secondary' : 'primary'}
              aria-expanded={creating}
              aria-controls="creation-creneaux"
              onClick={() => setCreating((v) => !v)}
            >
              {creating ? 'Masquer la création de créneaux' : 'Créer des créneaux'}
            </Button>
          ) : null
        }
      />
      <LiveMessage>{message}</LiveMessage>

      <div id="creation-creneaux">
        {creating ? (
          <CreateSlotsForm
            onCreated={(created) => {
              const first = created[0];
              setMessage(
                created.length > 1
                  ? `${created.length} créneaux ont été créés, le premier ${first ? dayLabel(first.date) : ''}.`
                  : `Le créneau du ${first ? `${dayLabel(first.date)}, ${timeRange(first.startTime, first.endTime)}` : ''} a été créé.`,
              );
              if (first) {
                lastOpener.current = first.id;
                update({ semaine: mondayOf(first.date), creneau: first.id });
                setFocusRequest((n) => n + 1);
              }
            }}
          />
        ) : null}
      </div>

      {day ? (
        <>
          {chooseHub ? (
            <div className="filters">
              <HubFilter value={hubId ?? ''} onChange={(v) => update({ pole: v || null }, true)} />
            </div>
          ) : null}
          <DayView
            date={day}
            hubId={hubId}
            canManage={canManage}
            onMessage={setMessage}
            onGo={(d) => update({ jour: d, semaine: d ? null : mondayOf(day), creneau: null })}
          />
        </>
      ) : (
        <>
          <nav aria-label="Choix de la semaine" className="filters filters--inline">
            <div className="row-actions">
              <Button variant="secondary" size="sm" onClick={() => update({ semaine: addDays(week, -7) })}>
                <span aria-hidden="true">← </span>Semaine précédente
              </Button>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => update({ semaine: mondayOf(parisToday()) })}
              >
                Cette semaine
              </Button>
              <Button variant="secondary" size="sm" onClick={() => update({ semaine: addDays(week, 7) })}>
                Semaine suivante<span aria-hidden="true"> →</span>
              </Button>
            </div>
          </nav>
          <div className="filters">
            <SelectField
              label="Objet"
              value={purpose ?? ''}
              onChange={(v) => update({ objet: v || null }, true)}
              optional
              placeholder="Tous les objets"
              options={appointmentPurposes.map((p) => ({ value: p, label: appointmentPurposeLabels[p] }))}
            />
            {chooseHub ? (
              <HubFilter value={hubId ?? ''} onChange={(v) => update({ pole: v || null }, true)} />
            ) : null}
          </div>

          {slotId ? (
            <SlotPanel
              id={slotId}
              key={slotId}
              focusRequest={focusRequest}
              canManage={canManage}
              onClose={closeSlot}
              onMessage={setMessage}
            />
          ) : null}

          <section aria-labelledby="semaine-titre">
            <h2 id="semaine-titre">
              Semaine du {dayLabel(week, week.slice(0, 4) !== weekEnd.slice(0, 4))} au {dayLabel(weekEnd)}
            </h2>
            {slots.isPending ? (
              <Loading label="Chargement des créneaux…" />
            ) : slots.isError ? (
              <ErrorState error={slots.error} onRetry={() => slots.refetch()} />
            ) : slots.data.length === 0 ? (
              <EmptyState title="Aucun créneau cette semaine.">
                {canManage ? <p>Utilisez « Créer des créneaux » pour ouvrir votre agenda.</p> : null}
              </EmptyState>
            ) : (
              <>
                <p className="muted">
                  {plural(slots.data.length, 'créneau', 'créneaux')} cette semaine,{' '}
                  {plural(
                    slots.data.reduce((n, s) => n + (s.status === 'open' && !s.past ? s.free : 0), 0),
                    'place libre',
                    'places libres',
                  )}{' '}
                  à venir.
                </p>
                <WeekOverview week={week} slots={slots.data} dayHref={dayHref} hubId={hubId} />
                {days
                  .filter((d) => byDay.has(d))
                  .map((d) => (
                    <DayTable key={d} date={d} slots={byDay.get(d)!} selectedId={slotId} onOpen={openSlot} />
                  ))}
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

function HubFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const hubs = useHubs();
  return (
    <SelectField
      label="Pôle d’insertion"
      value={value}
      onChange={onChange}
      optional
      placeholder={hubs.isPending ? 'Chargement des pôles…' : 'Tous les pôles'}
      options={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
      error={hubs.isError ? errorMessage(hubs.error) : undefined}
    />
  );
}
