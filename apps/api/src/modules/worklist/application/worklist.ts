import { roleScopeKind, type Worklist, type WorklistItem, type WorklistItemKey } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { parisDate, parisToday } from '../../../platform/time';
import { addCalendarDays, countAlerts, parisInstant, slotScope } from '../../accompaniment';
import { personScope } from '../../beneficiaries';
import { listOrientationQueue } from '../../orientation';
import {
  countAppointmentsBetween,
  countFailedJobs,
  countFluxProblems,
  countFtPending,
  countFtUnacknowledged,
  countOpenDuplicates,
  countOpenMedicalReferrals,
  outcomesToRecord,
  scopeName,
} from '../infra/worklist-repo';

type Target = WorklistItem['target'];
const DAY = 24 * 60 * 60_000;

/** « 1 personne », « 3 personnes »: the count leads the label. */
const n = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

const labels: Record<WorklistItemKey, (count: number) => string> = {
  appointments_today: (c) => n(c, 'rendez-vous aujourd’hui', 'rendez-vous aujourd’hui'),
  outcomes_to_record: (c) =>
    n(c, 'rendez-vous passé sans présence saisie', 'rendez-vous passés sans présence saisie'),
  queue_overdue_target: (c) =>
    n(c, 'personne non orientée au-delà de l’objectif', 'personnes non orientées au-delà de l’objectif'),
  queue_overdue_legal: (c) =>
    n(c, 'personne non orientée au-delà du délai légal', 'personnes non orientées au-delà du délai légal'),
  queue_to_convene: (c) => n(c, 'nouvel entrant à convoquer', 'nouveaux entrants à convoquer'),
  queue_absent: (c) => n(c, 'personne absente à reconvoquer', 'personnes absentes à reconvoquer'),
  medical_open: (c) => n(c, 'demande d’avis médical à traiter', 'demandes d’avis médical à traiter'),
  duplicates_open: (c) => n(c, 'doublon suspecté à examiner', 'doublons suspectés à examiner'),
  ft_pending: (c) =>
    n(c, 'inscription France Travail à transmettre', 'inscriptions France Travail à transmettre'),
  ft_unacknowledged: (c) =>
    n(c, 'lot France Travail sans accusé de réception', 'lots France Travail sans accusé de réception'),
  flux_failed: (c) =>
    n(
      c,
      'import de flux CAF refusé ou interrompu (7 jours)',
      'imports de flux CAF refusés ou interrompus (7 jours)',
    ),
  jobs_failed: (c) => n(c, 'tâche en échec', 'tâches en échec'),
  accompaniment_alerts: (c) =>
    n(c, 'alerte d’accompagnement (rendez-vous, contrat)', 'alertes d’accompagnement (rendez-vous, contrat)'),
};

function item(
  key: WorklistItemKey,
  group: WorklistItem['group'],
  count: number,
  target: Target,
): WorklistItem {
  return { key, group, label: labels[key](count), count, target };
}

const to = (path: string, query: Record<string, string> = {}): Target => ({ path, query });

/**
 * What is due today for the actor, by its permissions and scope: today's appointments and the
 * presences to record, the orientation queue's late persons, the items waiting for an answer.
 * Counts only: no person is named, so nothing here is a read of a person. Steering gets the
 * département's aggregates, without links (it has no screen that lists persons).
 */
export async function getWorklist(ctx: AppContext, actor: RequestActor, now = new Date()): Promise<Worklist> {
  const today = parisToday(now);
  const items: WorklistItem[] = [];
  const steering = actor.role === 'steering';
  // Counts over the département for steering: the scope of a département-wide agent, counts only.
  const counted: RequestActor = steering ? { ...actor, role: 'administrator' } : actor;
  const link = (target: Target) => (steering ? null : target);

  if (actor.can('agenda.read') || steering) {
    const start = parisInstant(today, '00:00')!;
    const end = parisInstant(addCalendarDays(today, 1), '00:00')!;
    const scope = slotScope(counted);
    const count = await countAppointmentsBetween(ctx.db, scope, start, end);
    items.push(item('appointments_today', 'today', count, link(to('/agenda', { jour: today }))));
    if (actor.can('agenda.manage')) {
      const late = await outcomesToRecord(ctx.db, scope, new Date(now.getTime() - 30 * DAY), now);
      const day = late.oldest ? parisDate(late.oldest) : today;
      items.push(item('outcomes_to_record', 'late', late.count, to('/agenda', { jour: day })));
    }
  }

  // The queue is a pôle's (the administrator's and steering's: the whole département).
  const queueScope = actor.hubId !== null || roleScopeKind[actor.role] === 'department';
  if ((actor.can('orientation.queue') || steering) && queueScope) {
    const { entries } = await listOrientationQueue(ctx, counted, {}, today);
    const count = (f: (e: (typeof entries)[number]) => boolean) => entries.filter(f).length;
    items.push(
      item(
        'queue_to_convene',
        'today',
        count((e) => e.stage === 'to_convene'),
        link(to('/orientation', { stage: 'to_convene' })),
      ),
      item(
        'queue_absent',
        'today',
        count((e) => e.stage === 'absent'),
        link(to('/orientation', { stage: 'absent' })),
      ),
      item(
        'queue_overdue_target',
        'late',
        count((e) => e.daysLeftTarget < 0),
        link(to('/orientation', { overdue: 'target' })),
      ),
      item(
        'queue_overdue_legal',
        'late',
        count((e) => e.daysLeftLegal !== null && e.daysLeftLegal < 0),
        link(to('/orientation', { overdue: 'legal' })),
      ),
    );
  }

  if (actor.can('medical.read')) {
    const count = await countOpenMedicalReferrals(ctx.db, actor.departmentCode, actor.hubId);
    items.push(item('medical_open', 'unanswered', count, to('/equipe-medicale')));
  }
  if (actor.can('duplicates.review')) {
    const count = await countOpenDuplicates(ctx.db, actor.departmentCode, personScope(actor));
    items.push(item('duplicates_open', 'unanswered', count, to('/doublons')));
  }
  if (actor.can('ft.manage')) {
    items.push(
      item('ft_pending', 'today', await countFtPending(ctx.db, actor.departmentCode), to('/france-travail')),
      item(
        'ft_unacknowledged',
        'unanswered',
        await countFtUnacknowledged(ctx.db, actor.departmentCode),
        to('/france-travail'),
      ),
    );
  }
  if (actor.can('flux.import')) {
    const count = await countFluxProblems(ctx.db, actor.departmentCode, new Date(now.getTime() - 7 * DAY));
    items.push(item('flux_failed', 'unanswered', count, to('/flux')));
  }
  if (actor.can('jobs.manage')) {
    const count = await countFailedJobs(ctx.db, actor.departmentCode);
    items.push(item('jobs_failed', 'unanswered', count, to('/administration/taches')));
  }

  // Accompaniment alerts of the persons the référent or the structure follows (derived, counted).
  if (actor.can('alerts.read') && actor.structureId) {
    const counts = await countAlerts(ctx, actor, today);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    items.push(item('accompaniment_alerts', 'late', total, to('/alertes')));
  }

  const named = await scopeName(ctx.db, actor.hubId, actor.structureId);
  return {
    today,
    scopeLabel: named ?? (actor.role === 'beneficiary' ? 'votre dossier' : 'tout le département'),
    aggregatesOnly: steering,
    items,
  };
}
