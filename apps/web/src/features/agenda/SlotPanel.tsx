import type { AgendaSlotDetail } from '@parcours/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { isApiError } from '../../lib/api';
import { plural } from '../../lib/format';
import { Button, Dialog, ErrorState, Loading } from '../../ui';
import { ReasonForm } from './AppointmentActions';
import { AttendeesTable } from './AttendeesTable';
import { attendanceSheetHref, cancelSlot, useSlot } from './api';
import { BookPerson } from './BookPerson';
import { appointmentPurposeLabels, placesLabel, slotTitle } from './labels';

/** The opened slot: its details, attendees, booking and cancellation. */
export function SlotPanel({
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
      {active.length > 0 && s.status === 'open' ? (
        <p>
          <a href={attendanceSheetHref(s.date, undefined, s.id)} target="_blank" rel="noopener">
            Feuille d’émargement de ce créneau (PDF)<span className="sr-only">, nouvelle fenêtre</span>
          </a>
        </p>
      ) : null}
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
