import type { Aid, AidConsumption, AidKind, AidStatus } from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import type { Db } from '../../../platform/db/database';
import type { Database } from '../../../platform/db/schema';

type Exec = Kysely<Database>;

const yearBounds = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;
export const yearOf = (day: string) => Number(day.slice(0, 4));
const day = (v: unknown) =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

/** An aid with its person's name, pôle, contract, authors and order. */
export function aidQuery(db: Exec, departmentCode: string) {
  return db
    .selectFrom('individual_aid as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .innerJoin('insertion_hub as hub', 'hub.id', 'a.hub_id')
    .innerJoin('engagement_contract as ec', 'ec.id', 'a.contract_id')
    .leftJoin('account as rb', 'rb.id', 'a.requested_by')
    .leftJoin('account as db', 'db.id', 'a.decided_by')
    .leftJoin('aid_payment_order_line as ol', 'ol.aid_id', 'a.id')
    .leftJoin('aid_payment_order as po', 'po.id', 'ol.order_id')
    .select([
      'a.id',
      'a.person_id',
      'p.birth_name',
      'p.usual_name',
      'p.first_name',
      'a.contract_id',
      'ec.start_date as contract_start',
      'ec.end_date as contract_end',
      'a.kind',
      'a.amount_cents',
      'a.purpose',
      'a.plan_step_id',
      'a.plan_step_label',
      'a.payee_kind',
      'a.payee_label',
      'a.payee_reference',
      'a.hub_id',
      'hub.name as hub_name',
      'a.requested_on',
      'rb.display_name as requested_by_name',
      'a.status',
      'a.status_reason',
      'db.display_name as decided_by_name',
      'po.id as order_id',
      'po.number as order_number',
      'a.paid_on',
      'a.payment_reference',
      'a.version',
    ])
    .where('a.department_code', '=', departmentCode);
}
export type AidRow = Awaited<ReturnType<ReturnType<typeof aidQuery>['executeTakeFirstOrThrow']>>;

/** « NOM Prénom » (usual name when there is one). */
export const personName = (r: { usual_name: string | null; birth_name: string; first_name: string }) =>
  `${(r.usual_name || r.birth_name).toUpperCase()} ${r.first_name}`;

export function toAid(r: AidRow): Aid {
  return {
    id: r.id,
    personId: r.person_id,
    personName: personName(r),
    contractId: r.contract_id,
    contractStartDate: day(r.contract_start)!,
    contractEndDate: day(r.contract_end)!,
    kind: r.kind as AidKind,
    amountCents: Number(r.amount_cents),
    purpose: r.purpose,
    planStepId: r.plan_step_id,
    planStepLabel: r.plan_step_label,
    payeeKind: r.payee_kind as Aid['payeeKind'],
    payeeLabel: r.payee_label,
    payeeReference: r.payee_reference,
    hubId: r.hub_id,
    hubName: r.hub_name,
    requestedOn: day(r.requested_on)!,
    requestedByName: r.requested_by_name,
    status: r.status as AidStatus,
    statusReason: r.status_reason,
    decidedByName: r.decided_by_name,
    paymentOrderId: r.order_id,
    paymentOrderNumber: r.order_number,
    paidOn: day(r.paid_on),
    paymentReference: r.payment_reference,
    version: r.version,
  };
}

export async function fetchAid(db: Exec, departmentCode: string, id: string): Promise<Aid> {
  return toAid(await aidQuery(db, departmentCode).where('a.id', '=', id).executeTakeFirstOrThrow());
}

/** Sums of the aids of a year, kind and pôle by status (cents). */
export async function envelopeSums(
  exec: Exec,
  departmentCode: string,
  year: number,
  kind: string,
  hubId: string,
): Promise<{ requested: number; validated: number; ordered: number; paid: number }> {
  const [from, to] = yearBounds(year);
  const rows = await exec
    .selectFrom('individual_aid')
    .select(['status', sql<string>`coalesce(sum(amount_cents), 0)`.as('total')])
    .where('department_code', '=', departmentCode)
    .where('kind', '=', kind)
    .where('hub_id', '=', hubId)
    .where('requested_on', '>=', from)
    .where('requested_on', '<=', to)
    .where('status', 'in', ['requested', 'validated', 'ordered', 'paid'])
    .groupBy('status')
    .execute();
  const of = (s: string) => Number(rows.find((r) => r.status === s)?.total ?? 0);
  return { requested: of('requested'), validated: of('validated'), ordered: of('ordered'), paid: of('paid') };
}

/** What a person has been granted of a kind in a year (validated, ordered, paid), other aids than `except`. */
export async function personYearCommitted(
  exec: Exec,
  personId: string,
  kind: string,
  year: number,
  except: string | null = null,
): Promise<number> {
  const [from, to] = yearBounds(year);
  let q = exec
    .selectFrom('individual_aid')
    .select(sql<string>`coalesce(sum(amount_cents), 0)`.as('total'))
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .where('requested_on', '>=', from)
    .where('requested_on', '<=', to)
    .where('status', 'in', ['validated', 'ordered', 'paid']);
  if (except) q = q.where('id', '<>', except);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.total);
}

/** The envelope of a year, kind and pôle; `lock` holds it until the transaction ends (validations queue on it). */
export async function findEnvelope(
  exec: Exec,
  departmentCode: string,
  year: number,
  kind: string,
  hubId: string,
  lock = false,
) {
  let q = exec
    .selectFrom('aid_envelope')
    .select(['id', 'amount_cents', 'version'])
    .where('department_code', '=', departmentCode)
    .where('year', '=', year)
    .where('kind', '=', kind)
    .where('hub_id', '=', hubId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? { id: row.id, amountCents: Number(row.amount_cents), version: row.version } : null;
}

/** Every envelope of a year with its consumption, and the pairs (kind, pôle) that have aids but no envelope. */
export async function envelopesOfYear(
  db: Db,
  departmentCode: string,
  year: number,
): Promise<AidConsumption[]> {
  const [from, to] = yearBounds(year);
  const envelopes = await db
    .selectFrom('aid_envelope as e')
    .innerJoin('insertion_hub as hub', 'hub.id', 'e.hub_id')
    .leftJoin('account as u', 'u.id', 'e.updated_by')
    .select([
      'e.id',
      'e.kind',
      'e.hub_id',
      'hub.name as hub_name',
      'e.amount_cents',
      'e.version',
      'e.updated_at',
      'u.display_name',
    ])
    .where('e.department_code', '=', departmentCode)
    .where('e.year', '=', year)
    .execute();
  const sums = await db
    .selectFrom('individual_aid as a')
    .innerJoin('insertion_hub as hub', 'hub.id', 'a.hub_id')
    .select([
      'a.kind',
      'a.hub_id',
      'hub.name as hub_name',
      'a.status',
      sql<string>`sum(a.amount_cents)`.as('total'),
    ])
    .where('a.department_code', '=', departmentCode)
    .where('a.requested_on', '>=', from)
    .where('a.requested_on', '<=', to)
    .where('a.status', 'in', ['requested', 'validated', 'ordered', 'paid'])
    .groupBy(['a.kind', 'a.hub_id', 'hub.name', 'a.status'])
    .execute();
  const key = (kind: string, hub: string) => `${kind}|${hub}`;
  const out = new Map<string, AidConsumption>();
  const blank = (kind: string, hubId: string, hubName: string): AidConsumption => ({
    envelopeId: null,
    year,
    kind: kind as AidKind,
    hubId,
    hubName,
    amountCents: null,
    validatedCents: 0,
    orderedCents: 0,
    paidCents: 0,
    committedCents: 0,
    requestedCents: 0,
    remainingCents: null,
    updatedByName: null,
    updatedAt: null,
    version: null,
  });
  for (const e of envelopes)
    out.set(key(e.kind, e.hub_id), {
      ...blank(e.kind, e.hub_id, e.hub_name),
      envelopeId: e.id,
      amountCents: Number(e.amount_cents),
      updatedByName: e.display_name,
      updatedAt: new Date(e.updated_at).toISOString(),
      version: e.version,
    });
  for (const s of sums) {
    const k = key(s.kind, s.hub_id);
    const c = out.get(k) ?? blank(s.kind, s.hub_id, s.hub_name);
    const total = Number(s.total);
    if (s.status === 'requested') c.requestedCents += total;
    if (s.status === 'validated') c.validatedCents += total;
    if (s.status === 'ordered') c.orderedCents += total;
    if (s.status === 'paid') c.paidCents += total;
    out.set(k, c);
  }
  for (const c of out.values()) {
    c.committedCents = c.validatedCents + c.orderedCents + c.paidCents;
    c.remainingCents = c.amountCents === null ? null : c.amountCents - c.committedCents;
  }
  return [...out.values()].sort(
    (a, b) => a.hubName.localeCompare(b.hubName, 'fr') || a.kind.localeCompare(b.kind),
  );
}
