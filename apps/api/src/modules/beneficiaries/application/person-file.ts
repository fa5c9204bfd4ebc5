import type { PersonFile } from '@parcours/contracts';
import { type CompiledQuery, type InferResult, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { prepared } from '../../../platform/db/prepared';
import { isUuid } from '../../../platform/ids';
import type { RequestInfo } from '../../../platform/request-info';
import { timelineLabel } from '../../../platform/timeline/registry';
import { rightsStatusLabel } from '../domain/rights';
import { personScope } from '../infra/person-scope';
import { decidePersonAccess } from './person-gate';

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
  request: RequestInfo,
): Promise<PersonFile> {
  const found = await loadFile(ctx.db, actor, personId);
  // The one person gate, on what the file's query loaded (its `in_scope`): one round trip.
  await decidePersonAccess(ctx, actor, personId, request, found);
  const p = found!;
  await ctx.audit.personRead(actor, personId, request);

  const { members, contacts, rights, entries, ft, timeline } = p;
  const names = {
    structures: new Map(p.structure_names.map((s) => [s.id, s.name])),
    referents: new Map(p.referent_names.map((r) => [r.id, `${r.first_name} ${r.last_name}`])),
  };
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
          rightsStatusLabel: p.h_rights_status ? rightsStatusLabel(p.h_rights_status) : null,
          contacts: contacts.map((c) => ({
            kind: c.kind as 'phone' | 'email',
            value: c.value,
            consent: c.consent,
          })),
          members: members.map((m) => ({
            personId: m.id,
            role: m.household_role ?? '',
            sex: m.sex === 'M' || m.sex === 'F' ? m.sex : null,
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
      statusLabel: rightsStatusLabel(r.rights_status),
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

/**
 * One round trip for the whole file (the scope, the person, the household and every list): under
 * load the number of queries per reading is what costs (fault 7). Building and compiling this
 * query with Kysely cost ~15 % of a reading's CPU, so it is compiled once per scope (role,
 * département, pôle, structure, own person) and only the ids change between statements.
 */
function buildFileQuery(db: Db, actor: ScopeActor, idsSlot: string) {
  const file = db
    .selectFrom('person as p')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .leftJoin('commune as c', 'c.insee_code', 'h.commune_code')
    .leftJoin('insertion_hub as hub', 'hub.id', 'c.hub_id')
    // Only the columns the file shows: the driver reads every column's description at each run.
    .select([
      'p.id',
      'p.title',
      'p.birth_name',
      'p.usual_name',
      'p.first_name',
      'p.first_name2',
      'p.first_name3',
      'p.birth_date',
      'p.birth_place',
      'p.sex',
      'p.nir',
      'p.france_travail_id',
      'p.household_role',
      'p.rights_open',
      'p.subject_to_duties',
    ])
    .select((eb) => [
      sql<boolean>`coalesce(${personScope(actor)}, false)`.as('in_scope'),
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
      jsonArrayFrom(
        eb
          .selectFrom('person as m')
          .select([
            'm.id',
            'm.household_role',
            'm.sex',
            'm.first_name',
            'm.usual_name',
            'm.birth_name',
            'm.birth_date',
          ])
          .whereRef('m.household_id', '=', 'p.household_id')
          .orderBy('m.birth_date'),
      ).as('members'),
      jsonArrayFrom(
        eb
          .selectFrom('contact as ct')
          .select(['ct.kind', 'ct.value', 'ct.consent'])
          .whereRef('ct.household_id', '=', 'p.household_id'),
      ).as('contacts'),
      jsonArrayFrom(
        eb
          .selectFrom('rights_period as r')
          .selectAll('r')
          .whereRef('r.person_id', '=', 'p.id')
          .orderBy('r.valid_from', 'desc'),
      ).as('rights'),
      jsonArrayFrom(
        eb
          .selectFrom('entry_spell as e')
          .select('e.entry_date')
          .whereRef('e.person_id', '=', 'p.id')
          .orderBy('e.entry_date', 'desc'),
      ).as('entries'),
      jsonObjectFrom(
        eb
          .selectFrom('ft_registration as f')
          .select(['f.state', 'f.ft_identifier', 'f.reason', 'f.updated_at'])
          .whereRef('f.person_id', '=', 'p.id')
          .orderBy('f.created_at', 'desc')
          .limit(1),
      ).as('ft'),
      jsonArrayFrom(
        eb
          .selectFrom('timeline_event as t')
          // bigint as text, as the driver gives it outside JSON.
          .select([
            sql<string>`t.id::text`.as('id'),
            't.occurred_on',
            't.type',
            't.data',
            't.source',
            't.recorded_at',
          ])
          .whereRef('t.person_id', '=', 'p.id')
          .orderBy('t.occurred_on', 'desc')
          .orderBy('t.id', 'desc')
          .limit(500),
      ).as('timeline'),
      // Today's names of the structures and référents the events name by id.
      jsonArrayFrom(
        eb
          .selectFrom('structure as s')
          .select(['s.id', 's.name'])
          .where(
            sql<boolean>`s.id::text IN (SELECT te.data->>'structureId' FROM timeline_event te WHERE te.person_id = p.id)`,
          ),
      ).as('structure_names'),
      jsonArrayFrom(
        eb
          .selectFrom('referent as rf')
          .select(['rf.id', 'rf.first_name', 'rf.last_name'])
          .where(
            sql<boolean>`rf.id::text IN (SELECT te.data->>'referentId' FROM timeline_event te WHERE te.person_id = p.id)`,
          ),
      ).as('referent_names'),
    ])
    // The files of a batch of readings (see loadFile): one statement whatever their number.
    .where(sql<boolean>`p.id = ANY(${idsSlot}::uuid[])`)
    .where('p.department_code', '=', actor.departmentCode);
  // The whole row as one JSON value: the driver then parses one column natively instead of
  // describing and converting ~40 columns at every run (~8 % of a reading's CPU). Same values:
  // dates come as 'YYYY-MM-DD' text either way, the lists were JSON already.
  return db
    .selectFrom(file.as('f'))
    .select(sql<InferResult<typeof file>[number]>`to_json(f)`.as('file'))
    .modifyEnd(prepared)
    .compile();
}

type ScopeActor = Pick<RequestActor, 'role' | 'departmentCode' | 'hubId' | 'structureId' | 'personId'>;
type FileQuery = ReturnType<typeof buildFileQuery>;
type FileRow = FileQuery extends CompiledQuery<{ file: infer F }> ? F : never;
/** Not a valid person id of any kind: marks where the ids go in the compiled parameters. */
const IDS_SLOT = '\u0000person-ids\u0000';
const compiledFiles = new WeakMap<Db, Map<string, { query: FileQuery; slot: number }>>();

/** The map of one database handle (its compiled queries, its open batches), made on first use. */
function perDb<V>(maps: WeakMap<Db, Map<string, V>>, db: Db): Map<string, V> {
  let map = maps.get(db);
  if (!map) {
    map = new Map();
    maps.set(db, map);
  }
  return map;
}

function scopeKey(actor: ScopeActor) {
  return `${actor.role}|${actor.departmentCode}|${actor.hubId}|${actor.structureId}|${actor.personId}`;
}

function fileQuery(db: Db, actor: ScopeActor, personIds: string[]): FileQuery {
  const byScope = perDb(compiledFiles, db);
  const key = scopeKey(actor);
  let hit = byScope.get(key);
  if (!hit) {
    const query = buildFileQuery(db, actor, IDS_SLOT);
    const slot = query.parameters.indexOf(IDS_SLOT);
    if (slot < 0 || query.parameters.lastIndexOf(IDS_SLOT) !== slot) throw new Error('person file: ids slot');
    // Bounded: one entry per distinct scope (a pôle, a structure, a beneficiary…).
    if (byScope.size >= 5_000) byScope.clear();
    hit = { query, slot };
    byScope.set(key, hit);
  }
  const parameters = hit.query.parameters.slice();
  parameters[hit.slot] = personIds;
  return { ...hit.query, parameters };
}

interface FileBatch {
  actor: ScopeActor;
  waiters: { id: string; resolve(row: FileRow | undefined): void; reject(err: unknown): void }[];
}
/**
 * Readings per statement: larger batches run on one backend, one core, while their readers wait
 * (measured: 8 keeps most of the per-statement cost, 64 beats an unbounded batch on p99).
 */
const MAX_FILE_BATCH = 64;
const openBatches = new WeakMap<Db, Map<string, FileBatch>>();

/**
 * The file rows of the readings asked in the same turn of the event loop with the same scope, in
 * one statement (a DataLoader): under load, each statement sent wakes a PostgreSQL backend and
 * costs a round trip, whatever its size. Alone, a reading waits one turn (setImmediate).
 */
function loadFile(db: Db, actor: ScopeActor, personId: string): Promise<FileRow | undefined> {
  if (!isUuid(personId)) return Promise.resolve(undefined);
  const byScope = perDb(openBatches, db);
  const key = scopeKey(actor);
  let batch = byScope.get(key);
  if (!batch) {
    const opened: FileBatch = { actor, waiters: [] };
    batch = opened;
    byScope.set(key, opened);
    setImmediate(() => {
      if (byScope.get(key) === opened) byScope.delete(key);
      void runBatch(db, opened);
    });
  }
  const waiters = batch.waiters;
  // A full batch is closed: the next readings start another one, which another connection runs.
  if (waiters.length + 1 >= MAX_FILE_BATCH) byScope.delete(key);
  return new Promise((resolve, reject) => {
    waiters.push({ id: personId.toLowerCase(), resolve, reject });
  });
}

/** Statements sent and readings they answered, since the process started (tests, benchmark). */
export const fileBatchStats = { statements: 0, readings: 0 };

async function runBatch(db: Db, batch: FileBatch) {
  fileBatchStats.statements++;
  fileBatchStats.readings += batch.waiters.length;
  try {
    const ids = [...new Set(batch.waiters.map((w) => w.id))];
    const { rows } = await db.executeQuery(fileQuery(db, batch.actor, ids));
    const byId = new Map(rows.map((r) => [r.file.id, r.file]));
    for (const w of batch.waiters) w.resolve(byId.get(w.id));
  } catch (err) {
    for (const w of batch.waiters) w.reject(err);
  }
}
