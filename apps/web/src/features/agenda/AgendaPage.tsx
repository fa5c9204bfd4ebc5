import {
  type AgendaSlot,
  type AgendaSlotDetail,
  type AppointmentPurpose,
  appointmentPurposes,
  type PersonSummary,
  type SlotAttendee,
  type SlotKind,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiFetch, errorMessage, isApiError } from '../../lib/api';
import { formatDate, plural } from '../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  type Column,
  Dialog,
  EmptyState,
  ErrorState,
  FormAlert,
  LiveMessage,
  Loading,
  PageHeader,
  SelectField,
  Table,
  TextField,
} from '../../ui';
import { useActor, useCan } from '../auth/session';
import { personName } from '../persons/labels';
import { useHubs } from '../territory/api';
import { AppointmentActions, ReasonForm } from './AppointmentActions';
import {
  bookAppointment,
  cancelSlot,
  createSlots,
  refreshAgenda,
  type SlotCreateBody,
  useAdvisors,
  useSlot,
  useSlots,
} from './api';
import { addDays, capitalised, dayLabel, isIsoDay, mondayOf, parisToday, timeRange } from './dates';
import {
  appointmentPurposeLabels,
  appointmentStatusLabels,
  placesLabel,
  slotKindLabels,
  slotTitle,
  statusTones,
} from './labels';

function isPurpose(value: string | null): value is AppointmentPurpose {
  return !!value && (appointmentPurposes as readonly string[]).includes(value);
}

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
  const week = mondayOf(isIsoDay(rawWeek) ? rawWeek : defaultDay());
  const rawPurpose = params.get('objet');
  const purpose = isPurpose(rawPurpose) ? rawPurpose : undefined;
  const hubId = chooseHub ? (params.get('pole') ?? undefined) : undefined;
  const slotId = params.get('creneau');
  const [message, setMessage] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const lastOpener = useRef<string | null>(null);

  const slots = useSlots({ from: week, to: addDays(week, 6), purpose, hubId });

  function update(changes: Record<string, string | null>, replace = false) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace });
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

      <nav aria-label="Choix de la semaine" className="filters filters--inline">
        <div className="row-actions">
          <Button variant="secondary" size="sm" onClick={() => update({ semaine: addDays(week, -7) })}>
            <span aria-hidden="true">← </span>Semaine précédente
          </Button>
          <Button variant="secondary" size="sm" onClick={() => update({ semaine: mondayOf(parisToday()) })}>
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
            {days
              .filter((d) => byDay.has(d))
              .map((d) => (
                <DayTable key={d} date={d} slots={byDay.get(d)!} selectedId={slotId} onOpen={openSlot} />
              ))}
          </>
        )}
      </section>
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

function DayTable({
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

// ---- Slot panel --------------------------------------------------------------------------------

function SlotPanel({
  id,
  focusRequest,
  canManage,
  onClose,
  onMessage,
}: {
  id: string;
  /** Increased each time the agent opens a slot: the panel then takes the focus. */
  focusRequest: number;
  canManage: boolean;
  onClose: () => void;
  onMessage: (message: string) => void;
}) {
  const slot = useSlot(id);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusRequest === 0) return;
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'start' });
  }, [focusRequest]);

  return (
    <section className="section slot-panel" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {slot.data ? slotTitle(slot.data) : 'Créneau'}
        </h2>
        <Button variant="secondary" size="sm" onClick={onClose}>
          Fermer le créneau
        </Button>
      </div>
      {slot.isPending ? (
        <Loading label="Chargement du créneau…" />
      ) : slot.isError ? (
        <ErrorState
          title={
            isApiError(slot.error) && [403, 404].includes(slot.error.status)
              ? 'Ce créneau n’existe pas ou ne relève pas de votre agenda.'
              : undefined
          }
          error={slot.error}
          onRetry={() => slot.refetch()}
        />
      ) : (
        <SlotBody slot={slot.data} canManage={canManage} onMessage={onMessage} />
      )}
    </section>
  );
}

function SlotBody({
  slot: s,
  canManage,
  onMessage,
}: {
  slot: AgendaSlotDetail;
  canManage: boolean;
  onMessage: (message: string) => void;
}) {
  const [cancelling, setCancelling] = useState(false);
  const bookable = canManage && s.status === 'open' && !s.past && s.free > 0;
  const active = s.attendees.filter((a) => !['cancelled', 'rescheduled'].includes(a.appointment.status));
  const former = s.attendees.filter((a) => ['cancelled', 'rescheduled'].includes(a.appointment.status));

  return (
    <>
      <dl className="summary-list">
        <div>
          <dt>Objet</dt>
          <dd>{appointmentPurposeLabels[s.purpose]}</dd>
        </div>
        <div>
          <dt>Conseiller</dt>
          <dd>{s.advisorName ?? '—'}</dd>
        </div>
        <div>
          <dt>Lieu</dt>
          <dd>{s.place}</dd>
        </div>
        <div>
          <dt>Places</dt>
          <dd>
            {s.capacity === 1
              ? placesLabel(s)
              : `${plural(s.booked, 'personne inscrite', 'personnes inscrites')} · ${placesLabel(s)}`}
          </dd>
        </div>
        {s.status === 'cancelled' ? (
          <div>
            <dt>Annulation</dt>
            <dd>{s.cancelReason ?? 'Annulé'}</dd>
          </div>
        ) : null}
      </dl>

      <h3>Personnes inscrites</h3>
      {active.length === 0 ? (
        <p className="muted">Personne n’est inscrit sur ce créneau.</p>
      ) : (
        <AttendeesTable
          attendees={active}
          canManage={canManage}
          onMessage={onMessage}
          caption="Personnes inscrites"
        />
      )}
      {s.hiddenAttendees > 0 ? (
        <p className="muted">
          {plural(s.hiddenAttendees, 'autre personne inscrite relève', 'autres personnes inscrites relèvent')}{' '}
          d’un autre périmètre que le vôtre.
        </p>
      ) : null}
      {former.length > 0 ? (
        <details className="details">
          <summary className="details__summary">Rendez-vous annulés ou reportés ({former.length})</summary>
          <AttendeesTable
            attendees={former}
            canManage={false}
            onMessage={onMessage}
            caption="Rendez-vous annulés ou reportés"
          />
        </details>
      ) : null}

      {bookable ? <BookPerson slot={s} onMessage={onMessage} /> : null}
      {!bookable && canManage && s.status === 'open' && !s.past ? (
        <p className="muted">Ce créneau est complet.</p>
      ) : null}

      {canManage && s.status === 'open' && !s.past ? (
        <div className="form-actions">
          <Button variant="danger" size="sm" onClick={() => setCancelling(true)}>
            Annuler le créneau
          </Button>
        </div>
      ) : null}
      <Dialog
        open={cancelling}
        title="Annuler ce créneau ?"
        onClose={() => setCancelling(false)}
        role="alertdialog"
        description={
          <p>
            {slotTitle(s)}.{' '}
            {s.booked > 0
              ? `Les ${plural(s.booked, 'rendez-vous prévu', 'rendez-vous prévus')} sur ce créneau seront annulés avec le même motif ; prévenez les personnes.`
              : 'Personne n’y est inscrit.'}
          </p>
        }
      >
        <ReasonForm
          label="Motif de l’annulation"
          confirmLabel="Annuler le créneau"
          keepLabel="Garder le créneau"
          failedTitle="Le créneau n’a pas été annulé"
          onClose={() => setCancelling(false)}
          submit={(reason) => cancelSlot(s.id, { reason, version: s.version })}
          onDone={() => {
            setCancelling(false);
            onMessage(`Le créneau (${slotTitle(s)}) est annulé.`);
          }}
        />
      </Dialog>
    </>
  );
}

function AttendeesTable({
  attendees,
  canManage,
  onMessage,
  caption,
}: {
  attendees: SlotAttendee[];
  canManage: boolean;
  onMessage: (message: string) => void;
  caption: string;
}) {
  const canRead = useCan('person.read');
  const columns: Column<SlotAttendee>[] = [
    {
      key: 'person',
      header: 'Personne',
      rowHeader: true,
      render: (a) =>
        canRead ? (
          <Link to={`/personnes/${encodeURIComponent(a.person.id)}`}>{personName(a.person)}</Link>
        ) : (
          personName(a.person)
        ),
    },
    {
      key: 'birth',
      header: 'Naissance',
      render: (a) => <time dateTime={a.person.birthDate}>{formatDate(a.person.birthDate)}</time>,
    },
    { key: 'file', header: 'N° de dossier', render: (a) => a.person.claimNumber ?? '—' },
    {
      key: 'status',
      header: 'Statut',
      render: (a) => (
        <>
          <Badge tone={statusTones[a.appointment.status]}>
            {appointmentStatusLabels[a.appointment.status]}
          </Badge>
          {a.appointment.statusReason ? <span className="muted"> · {a.appointment.statusReason}</span> : null}
        </>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (a) => (
        <AppointmentActions appointment={a.appointment} subject={personName(a.person)} onDone={onMessage} />
      ),
    });
  }
  return (
    <Table
      caption={caption}
      captionHidden
      columns={columns}
      rows={attendees}
      rowKey={(a) => a.appointment.id}
    />
  );
}

function BookPerson({ slot, onMessage }: { slot: AgendaSlotDetail; onMessage: (message: string) => void }) {
  const queryClient = useQueryClient();
  const searchRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | undefined>();
  const results = useMutation({
    mutationFn: (query: string) =>
      apiFetch<{ items: PersonSummary[] }>('/api/persons/search', { query: { q: query, limit: 10 } }).then(
        (r) => r.items,
      ),
  });
  const book = useMutation({
    mutationFn: (person: PersonSummary) => bookAppointment({ personId: person.id, slotId: slot.id }),
    onSuccess: async (_a, person) => {
      onMessage(`${personName(person)} est inscrit(e) : ${slotTitle(slot)}.`);
      setText('');
      setQ('');
      results.reset();
      // The chosen row is gone: back to the search, ready for the next person.
      searchRef.current?.querySelector('input')?.focus();
      await refreshAgenda(queryClient);
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 409) void refreshAgenda(queryClient);
    },
  });

  function search(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (value.length < 2) {
      setError('Saisissez au moins 2 caractères.');
      return;
    }
    setError(undefined);
    setQ(value);
    book.reset();
    results.mutate(value);
  }

  return (
    <div className="book-person">
      <h3>Inscrire une personne</h3>
      <form onSubmit={search} noValidate className="inline-form">
        <div ref={searchRef}>
          <TextField
            label="Nom, prénom ou n° de dossier"
            value={text}
            onChange={setText}
            error={error}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <Button type="submit" variant="secondary" pending={results.isPending}>
          Rechercher
        </Button>
      </form>
      {book.isError ? (
        <Alert tone="error" title="L’inscription n’a pas abouti">
          <p>{errorMessage(book.error)}</p>
        </Alert>
      ) : null}
      {results.isError ? (
        <Alert tone="error" title="La recherche n’a pas abouti">
          <p>{errorMessage(results.error)}</p>
        </Alert>
      ) : null}
      {results.data ? (
        results.data.length === 0 ? (
          <p className="muted">Aucune personne de votre périmètre ne correspond à « {q} ».</p>
        ) : (
          <ul className="plain-list compact-list" aria-label={`Résultats pour « ${q} »`}>
            {results.data.map((p) => (
              <li key={p.id} className="row-actions">
                <span>
                  <strong>{personName(p)}</strong>{' '}
                  <span className="muted">
                    né{p.sex === 'F' ? 'e' : ''} le {formatDate(p.birthDate)}
                    {p.claimNumber ? ` · dossier ${p.claimNumber}` : ''}
                    {p.communeName ? ` · ${p.communeName}` : ''}
                  </span>
                </span>
                <Button
                  size="sm"
                  aria-label={`Inscrire ${personName(p)}`}
                  pending={book.isPending && book.variables?.id === p.id}
                  onClick={() => book.mutate(p)}
                >
                  Inscrire
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

// ---- Slot creation -------------------------------------------------------------------------------

interface CreateValues {
  kind: SlotKind;
  purpose: AppointmentPurpose;
  date: string;
  startTime: string;
  endTime: string;
  durationMinutes: string;
  capacity: string;
  place: string;
  advisorAccountId: string;
  repeat: boolean;
  weeks: string;
}

const createFields = [
  'kind',
  'purpose',
  'date',
  'startTime',
  'endTime',
  'durationMinutes',
  'capacity',
  'place',
  'advisorAccountId',
  'weeks',
] as const;

function CreateSlotsForm({ onCreated }: { onCreated: (slots: AgendaSlot[]) => void }) {
  const queryClient = useQueryClient();
  const actor = useActor();
  const advisors = useAdvisors();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<CreateValues>({
    kind: 'individual',
    purpose: 'orientation',
    date: addDays(parisToday(), 1),
    startTime: '09:00',
    endTime: '',
    durationMinutes: '45',
    capacity: '12',
    place: '',
    advisorAccountId: actor.accountId,
    repeat: false,
    weeks: '4',
  });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const set = <K extends keyof CreateValues>(key: K, value: CreateValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const create = useMutation({
    mutationFn: (body: SlotCreateBody) => createSlots(body),
    onSuccess: async (created) => {
      setErrors(noErrors);
      onCreated(created);
      await refreshAgenda(queryClient);
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, createFields));
      focusFirstInvalid(formRef.current);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!isIsoDay(values.date)) fields.date = 'Indiquez la date (JJ/MM/AAAA).';
    if (!/^\d{2}:\d{2}$/.test(values.startTime)) fields.startTime = 'Indiquez l’heure de début.';
    const duration = Number(values.durationMinutes);
    if (!values.endTime && (!Number.isInteger(duration) || duration < 5 || duration > 720))
      fields.durationMinutes = 'Indiquez une durée entre 5 et 720 minutes, ou une heure de fin.';
    if (values.endTime && values.endTime <= values.startTime)
      fields.endTime = 'L’heure de fin doit suivre l’heure de début.';
    const capacity = Number(values.capacity);
    if (values.kind === 'collective' && (!Number.isInteger(capacity) || capacity < 2 || capacity > 500))
      fields.capacity = 'Une séance collective a de 2 à 500 places.';
    if (!values.place.trim()) fields.place = 'Indiquez le lieu.';
    const weeks = values.repeat ? Number(values.weeks) : 1;
    if (values.repeat && (!Number.isInteger(weeks) || weeks < 2 || weeks > 52))
      fields.weeks = 'Indiquez un nombre de semaines entre 2 et 52.';
    if (Object.keys(fields).length > 0) {
      setErrors({ message: null, fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    create.mutate({
      kind: values.kind,
      purpose: values.purpose,
      date: values.date,
      startTime: values.startTime,
      endTime: values.endTime || null,
      durationMinutes: values.endTime ? null : duration,
      place: values.place.trim(),
      capacity: values.kind === 'collective' ? capacity : 1,
      advisorAccountId: values.advisorAccountId || null,
      weeks,
    });
  }

  const count = values.repeat ? Number(values.weeks) || 0 : 1;

  return (
    <section className="section" aria-labelledby="creation-titre">
      <h2 id="creation-titre" ref={headingRef} tabIndex={-1}>
        Créer des créneaux
      </h2>
      <form ref={formRef} onSubmit={submit} noValidate>
        <p className="form-note">
          Les champs sans mention « facultatif » sont obligatoires. Un créneau ne peut pas chevaucher un autre
          créneau du même conseiller.
        </p>
        <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
        <div className="form-grid">
          <SelectField
            label="Type de créneau"
            value={values.kind}
            onChange={(v) => set('kind', v === 'collective' ? 'collective' : 'individual')}
            options={[
              { value: 'individual', label: 'Entretien individuel (1 place)' },
              { value: 'collective', label: 'Séance collective (plusieurs places)' },
            ]}
            error={errors.fields.kind}
          />
          <SelectField
            label="Objet"
            value={values.purpose}
            onChange={(v) => set('purpose', isPurpose(v) ? v : 'orientation')}
            options={appointmentPurposes.map((p) => ({ value: p, label: appointmentPurposeLabels[p] }))}
            error={errors.fields.purpose}
          />
          {values.kind === 'collective' ? (
            <TextField
              label="Nombre de places"
              type="number"
              inputMode="numeric"
              min={2}
              max={500}
              value={values.capacity}
              onChange={(v) => set('capacity', v)}
              error={errors.fields.capacity}
            />
          ) : null}
          <TextField
            label="Date"
            type="date"
            value={values.date}
            onChange={(v) => set('date', v)}
            error={errors.fields.date}
          />
          <TextField
            label="Heure de début"
            type="time"
            value={values.startTime}
            onChange={(v) => set('startTime', v)}
            error={errors.fields.startTime}
          />
          <TextField
            label="Durée (minutes)"
            type="number"
            inputMode="numeric"
            min={5}
            max={720}
            hint="Ignorée si vous indiquez une heure de fin."
            value={values.durationMinutes}
            onChange={(v) => set('durationMinutes', v)}
            error={errors.fields.durationMinutes}
            required={!values.endTime}
          />
          <TextField
            label="Heure de fin"
            type="time"
            optional
            value={values.endTime}
            onChange={(v) => set('endTime', v)}
            error={errors.fields.endTime}
          />
          <TextField
            label="Lieu"
            className="form-grid__wide"
            hint="Adresse et salle, telles qu’elles figureront sur la convocation."
            value={values.place}
            onChange={(v) => set('place', v)}
            maxLength={300}
            error={errors.fields.place}
          />
          <SelectField
            label="Conseiller"
            value={values.advisorAccountId}
            onChange={(v) => set('advisorAccountId', v)}
            options={(advisors.data ?? [{ id: actor.accountId, displayName: actor.displayName }]).map(
              (a) => ({
                value: a.id,
                label: a.id === actor.accountId ? `${a.displayName} (vous)` : a.displayName,
              }),
            )}
            error={errors.fields.advisorAccountId}
          />
        </div>
        <Checkbox
          label="Répéter chaque semaine, à la même heure"
          checked={values.repeat}
          onChange={(v) => set('repeat', v)}
        />
        {values.repeat ? (
          <TextField
            label="Nombre de semaines (celle-ci comprise)"
            type="number"
            inputMode="numeric"
            min={2}
            max={52}
            value={values.weeks}
            onChange={(v) => set('weeks', v)}
            error={errors.fields.weeks}
            className="form--narrow"
          />
        ) : null}
        <div className="form-actions">
          <Button type="submit" pending={create.isPending}>
            {count > 1 ? `Créer les ${count} créneaux` : 'Créer le créneau'}
          </Button>
        </div>
      </form>
    </section>
  );
}
