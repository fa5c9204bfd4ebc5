import type { PersonFile } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { forbidden, notFound } from '../../../platform/http/errors';
import { rightsStatusLabels } from '../domain/rights';
import { timelineLabel } from '../domain/timeline';
import { personScope } from '../infra/person-scope';

function age(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let a = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) a--;
  return a;
}

/** A person's file as the actor may see it. Every opening is written to the audit trail. */
export async function getPersonFile(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: { ip: string; id: string },
): Promise<PersonFile> {
  const { db } = ctx;
  const exists = await db
    .selectFrom('person')
    .select('id')
    .where('id', '=', personId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!exists) throw notFound('Personne');
  const p = await db
    .selectFrom('person as p')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .leftJoin('commune as c', 'c.insee_code', 'h.commune_code')
    .leftJoin('insertion_hub as hub', 'hub.id', 'c.hub_id')
    .selectAll('p')
    .select([
      'h.id as h_id',
      'h.organism',
      'h.claim_number',
      'h.family_situation',
      'h.street_number',
      'h.street_type',
      'h.street_name',
      'h.address_complement',
      'h.locality',
      'h.postal_code',
      'h.commune_name',
      'h.commune_code',
      'h.rights_status as h_rights_status',
      'c.name as commune_label',
      'hub.name as hub_name',
    ])
    .where('p.id', '=', personId)
    .where(personScope(actor))
    .executeTakeFirst();
  if (!p) {
    await ctx.audit.record({
      actor,
      action: 'person.read_denied',
      personId,
      targetType: 'person',
      targetId: personId,
      request,
    });
    throw forbidden('Cette personne ne relève pas de votre périmètre.');
  }
  await ctx.audit.personRead(actor, personId, request);

  const [members, contacts, rights, entries, ft, timeline] = await Promise.all([
    p.h_id
      ? db
          .selectFrom('person')
          .select(['id', 'household_role', 'first_name', 'usual_name', 'birth_name', 'birth_date'])
          .where('household_id', '=', p.h_id)
          .orderBy('birth_date')
          .execute()
      : [],
    p.h_id
      ? db
          .selectFrom('contact')
          .select(['kind', 'value', 'consent'])
          .where('household_id', '=', p.h_id)
          .execute()
      : [],
    db
      .selectFrom('rights_period')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('valid_from', 'desc')
      .execute(),
    db
      .selectFrom('entry_spell')
      .select('entry_date')
      .where('person_id', '=', personId)
      .orderBy('entry_date', 'desc')
      .execute(),
    db
      .selectFrom('ft_registration')
      .select(['state', 'ft_identifier', 'reason', 'updated_at'])
      .where('person_id', '=', personId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
    db
      .selectFrom('timeline_event')
      .select(['id', 'occurred_on', 'type', 'data', 'source', 'recorded_at'])
      .where('person_id', '=', personId)
      .orderBy('occurred_on', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute(),
  ]);
  const names = await timelineNames(
    ctx,
    timeline.map((t) => (t.data ?? {}) as Record<string, unknown>),
  );
  const showNir = actor.can('person.nir');
  const address = [
    p.street_number,
    p.street_type,
    p.street_name,
    p.address_complement,
    p.locality,
    p.postal_code,
    p.commune_name,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    person: {
      id: p.id,
      title: p.title,
      birthName: p.birth_name,
      usualName: p.usual_name,
      firstName: p.first_name,
      firstName2: p.first_name2,
      firstName3: p.first_name3,
      birthDate: p.birth_date,
      birthPlace: p.birth_place,
      sex: p.sex as 'M' | 'F',
      nir: showNir ? p.nir : null,
      franceTravailId: p.france_travail_id,
      claimNumber: p.claim_number,
      communeName: p.commune_label ?? p.commune_name,
      hubName: p.hub_name,
      householdRole: p.household_role,
      rightsOpen: p.rights_open,
      subjectToDuties: p.subject_to_duties,
    },
    household: p.h_id
      ? {
          id: p.h_id,
          organism: p.organism!,
          claimNumber: p.claim_number!,
          familySituation: p.family_situation,
          address: address || null,
          communeCode: p.commune_code,
          rightsStatus: p.h_rights_status,
          rightsStatusLabel: p.h_rights_status ? (rightsStatusLabels[p.h_rights_status] ?? null) : null,
          contacts: contacts.map((c) => ({
            kind: c.kind as 'phone' | 'email',
            value: c.value,
            consent: c.consent,
          })),
          members: members.map((m) => ({
            personId: m.id,
            role: m.household_role ?? '',
            firstName: m.first_name,
            lastName: m.usual_name ?? m.birth_name,
            birthDate: m.birth_date,
            age: age(m.birth_date),
          })),
        }
      : null,
    rights: rights.map((r) => ({
      from: r.valid_from,
      to: r.valid_to,
      status: r.rights_status,
      statusLabel: rightsStatusLabels[r.rights_status] ?? r.rights_status,
      open: r.rights_open,
      subjectToDuties: r.subject_to_duties,
      source: r.source,
    })),
    entries: entries.map((e) => ({ entryDate: e.entry_date })),
    franceTravail: ft
      ? {
          state: ft.state as 'pending' | 'exported' | 'registered' | 'rejected',
          identifier: ft.ft_identifier,
          reason: ft.reason,
          updatedAt: new Date(ft.updated_at).toISOString(),
        }
      : null,
    timeline: timeline.map((t) => {
      const data = (t.data ?? {}) as Record<string, unknown>;
      const named = {
        ...data,
        structureName:
          typeof data.structureId === 'string' ? names.structures.get(data.structureId) : undefined,
        referentName: typeof data.referentId === 'string' ? names.referents.get(data.referentId) : undefined,
      };
      return {
        id: t.id,
        occurredOn: t.occurred_on,
        type: t.type,
        label: timelineLabel(t.type, named),
        data,
        source: t.source,
        recordedAt: new Date(t.recorded_at).toISOString(),
      };
    }),
  };
}

/** Events keep ids; the names shown are today's names of those structures and référents. */
async function timelineNames(ctx: AppContext, data: Record<string, unknown>[]) {
  const ids = (key: string) => [
    ...new Set(data.map((d) => d[key]).filter((v): v is string => typeof v === 'string')),
  ];
  const structureIds = ids('structureId');
  const referentIds = ids('referentId');
  const [structures, referents] = await Promise.all([
    structureIds.length
      ? ctx.db.selectFrom('structure').select(['id', 'name']).where('id', 'in', structureIds).execute()
      : [],
    referentIds.length
      ? ctx.db
          .selectFrom('referent')
          .select(['id', 'first_name', 'last_name'])
          .where('id', 'in', referentIds)
          .execute()
      : [],
  ]);
  return {
    structures: new Map(structures.map((s) => [s.id, s.name])),
    referents: new Map(referents.map((r) => [r.id, `${r.first_name} ${r.last_name}`])),
  };
}
