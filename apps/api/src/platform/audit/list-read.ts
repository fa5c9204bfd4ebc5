import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context';
import { actorOf, requestOf } from '../http/request';
import { isUuid } from '../ids';
import type { AuditActor, AuditInput } from './audit';

/**
 * Every response that lists persons, with the words shown in "who accessed this file"
 * (« apparu dans une liste : … »). A new list gets a name here, then one call in its route.
 */
export const personListLabels = {
  'persons.search': 'recherche',
  'orientation.queue': "file d'orientation",
  'orientation.queue_export': "export de la file d'orientation",
  duplicates: 'doublons suspectés',
  'france_travail.registrations': 'inscriptions France Travail',
  'france_travail.export': "export d'un lot France Travail",
  'medical.referrals': "demandes d'avis médical",
  'agenda.slot': 'personnes inscrites sur un créneau',
  'agenda.day': "liste du jour de l'agenda",
  'agenda.attendance_sheet': "feuille d'émargement",
  'flux.report': "rapport d'import d'un flux CAF",
  'audit.journal': 'journal des accès',
  'audit.export': 'export du journal des accès',
  'convocation.preview': 'personnes à convoquer (délais par canal)',
  'messaging.batch': 'lot de courriers à poster',
  'assignment.inbox': 'affectations d’une structure (personnes sans référent)',
  alerts: 'alertes d’accompagnement',
  'alerts.digest': 'récapitulatif quotidien des alertes (e-mail)',
  portfolio: 'portefeuille',
  'portfolio.export': 'export du portefeuille',
  'aids.queue': 'aides individuelles à traiter',
  'aids.payment_order': 'ordre de paiement des aides',
  'aids.payment_order_export': 'export d’un ordre de paiement des aides (CSV)',
  'referrals.operator': 'fiches de liaison reçues par un opérateur',
  'indicators.persons': 'personnes derrière un indicateur du Plan Pauvreté',
  'sanctions.failures': 'manquements à examiner (droits et devoirs)',
  'sanctions.caf_lines': 'lignes de transmission à la CAF (sanctions)',
  'sanctions.caf_file': 'fichier de transmission à la CAF (sanctions)',
  'sanctions.sas': 'personnes inscrites dans une session du SAS de rétablissement',
  'ep.agenda': 'ordre du jour d’une séance de l’équipe pluridisciplinaire',
  'ep.minutes': 'procès-verbal d’une séance de l’équipe pluridisciplinaire',
} as const;
export type PersonListKind = keyof typeof personListLabels;

export const PERSON_LIST_ACTION = 'person.list_read';

/** A NIR typed as a query (13 to 15 characters, spaces allowed) is never written in clear. */
const NIR_IN_TEXT =
  /(?<![0-9])[12](?:\s?[0-9]){4}\s?(?:[0-9]{2}|2A|2B)(?:\s?[0-9]){6}(?:\s?[0-9]{2})?(?![0-9])/gi;

export function maskNir(text: string): string {
  return text.replace(NIR_IN_TEXT, '[NIR masqué]');
}

function maskQuery(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' ? maskNir(v).slice(0, 300) : v;
  }
  return out;
}

/**
 * What a trace of a bulk read carries: the ids of the persons listed and, in its details, the list
 * and its query (a NIR in it masked). For traces that keep their own action (exports).
 */
export function personListTrace(
  list: PersonListKind,
  query: Record<string, unknown>,
  personIds: Iterable<string>,
): { personIds: string[]; details: Record<string, unknown> } {
  const ids = [...new Set(personIds)];
  return { personIds: ids, details: { list, query: maskQuery(query), count: ids.length } };
}

/**
 * The one-liner of a bulk read: ONE audit row with the actor, the list and its query and the ids
 * of the persons the response carries, written before the response leaves.
 */
export function auditPersonList(
  ctx: AppContext,
  req: FastifyRequest,
  list: PersonListKind,
  query: Record<string, unknown>,
  personIds: Iterable<string>,
): Promise<void> {
  return recordPersonList(ctx, actorOf(req), requestOf(req), list, query, personIds);
}

/** The same, for use cases that get the actor and the request rather than the HTTP request. */
export async function recordPersonList(
  ctx: AppContext,
  actor: AuditActor,
  request: AuditInput['request'],
  list: PersonListKind,
  query: Record<string, unknown>,
  personIds: Iterable<string>,
): Promise<void> {
  await ctx.audit.record({
    actor,
    action: PERSON_LIST_ACTION,
    targetType: 'person_list',
    targetId: list,
    ...personListTrace(list, query, personIds),
    request,
  });
}

/** « apparu dans une liste : recherche « dupont » » for the access journal of a person. */
export function personListLabel(details: unknown): string {
  const d = (details ?? {}) as { list?: string; query?: Record<string, unknown> };
  const name = personListLabels[d.list as PersonListKind] ?? d.list ?? 'liste';
  const q = d.query ?? {};
  const typed = typeof q.q === 'string' ? q.q : null;
  const rest = Object.entries(q)
    // Ids (pôle, slot, lot) stay in the trace's details; the label shows the filters an agent chose.
    .filter(([k, v]) => k !== 'q' && k !== 'limit' && v !== null && v !== '' && !isUuid(String(v)))
    .map(([k, v]) => `${k} ${String(v)}`);
  const text = typed !== null ? ` « ${typed} »` : rest.length ? ` (${rest.join(', ')})` : '';
  return `apparu dans une liste : ${name}${text}`;
}
