import type { ImmersionContent, ScheduleSlot } from '@parcours/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ImmersionTable } from '../../../platform/db/schema';

type Exec = Kysely<Database>;
export type ImmersionRow = Selectable<ImmersionTable>;

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const iso = (v: unknown) => new Date(v as string).toISOString();
export const scheduleOf = (raw: unknown): ScheduleSlot[] =>
  ((typeof raw === 'string' ? JSON.parse(raw) : raw) ?? []) as ScheduleSlot[];
export const startOf = (r: Pick<ImmersionRow, 'start_date'>) => day(r.start_date);
export const endOf = (r: Pick<ImmersionRow, 'end_date'>) => day(r.end_date);

/** The columns of a convention's content (what the three parties sign). */
export function contentColumns(c: ImmersionContent, weeklyHours: number) {
  return {
    host_name: c.host.name,
    host_siret: c.host.siret,
    host_address: c.host.address,
    tutor_name: c.host.tutorName,
    tutor_function: c.host.tutorFunction,
    tutor_email: c.host.tutorEmail,
    tutor_phone: c.host.tutorPhone,
    objective: c.objective,
    rome_code: c.romeCode,
    job_label: c.jobLabel,
    start_date: c.startDate,
    end_date: c.endDate,
    schedule: JSON.stringify(c.schedule),
    weekly_hours: weeklyHours,
    place: c.place,
    tasks: c.tasks,
    risks: c.risks,
    contract_id: c.contractId,
  };
}

export function contentOf(r: ImmersionRow): ImmersionContent {
  return {
    host: {
      name: r.host_name,
      siret: r.host_siret,
      address: r.host_address,
      tutorName: r.tutor_name,
      tutorFunction: r.tutor_function,
      tutorEmail: r.tutor_email,
      tutorPhone: r.tutor_phone,
    },
    objective: r.objective as ImmersionContent['objective'],
    romeCode: r.rome_code,
    jobLabel: r.job_label,
    startDate: startOf(r),
    endDate: endOf(r),
    schedule: scheduleOf(r.schedule),
    place: r.place,
    tasks: r.tasks,
    risks: r.risks,
    contractId: r.contract_id,
  };
}

export const immersionById = (db: Exec, departmentCode: string, id: string) =>
  db
    .selectFrom('immersion')
    .selectAll()
    .where('id', '=', id)
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();

export const immersionsOfPerson = (db: Exec, departmentCode: string, personId: string) =>
  db
    .selectFrom('immersion')
    .selectAll()
    .where('person_id', '=', personId)
    .where('department_code', '=', departmentCode)
    .orderBy('start_date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();

export async function signaturesOf(db: Exec, immersionId: string) {
  const rows = await db
    .selectFrom('immersion_signature as s')
    .leftJoin('account as a', 'a.id', 's.recorded_by')
    .select(['s.party', 's.mode', 's.signer_name', 's.signed_at', 'a.display_name'])
    .where('s.immersion_id', '=', immersionId)
    .orderBy('s.signed_at')
    .execute();
  return rows.map((r) => ({
    party: r.party,
    mode: r.mode,
    signerName: r.signer_name,
    signedAt: iso(r.signed_at),
    recordedByName: r.display_name,
  }));
}

/** The links sent and still usable, one per party (the newest). */
export async function pendingLinksOf(db: Exec, immersionId: string, now: Date) {
  const rows = await db
    .selectFrom('immersion_sign_token')
    .select(['party', 'email', 'created_at', 'expires_at'])
    .where('immersion_id', '=', immersionId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    party: r.party,
    email: r.email,
    sentAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
  }));
}

/** Removes the signatures and closes the links: the content they were given on changed. */
export async function resetSignatures(db: Exec, immersionId: string, now: Date) {
  await db.deleteFrom('immersion_signature').where('immersion_id', '=', immersionId).execute();
  await db
    .updateTable('immersion_sign_token')
    .set({ used_at: now })
    .where('immersion_id', '=', immersionId)
    .where('used_at', 'is', null)
    .execute();
}

/** Calendar days of the conventions this one renews (its chain backwards), cancelled ones aside. */
export async function chainBefore(db: Exec, renewalOf: string | null): Promise<ImmersionRow[]> {
  const chain: ImmersionRow[] = [];
  let next = renewalOf;
  while (next && chain.length < 50) {
    const row = await db.selectFrom('immersion').selectAll().where('id', '=', next).executeTakeFirst();
    if (!row) break;
    chain.push(row);
    next = row.renewal_of;
  }
  return chain;
}

export const renewalOfRow = (db: Exec, id: string) =>
  db
    .selectFrom('immersion')
    .select(['id'])
    .where('renewal_of', '=', id)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();

export const structureName = async (db: Exec, id: string) =>
  (await db.selectFrom('structure').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';

export const accountName = async (db: Exec, id: string | null) =>
  id
    ? ((await db.selectFrom('account').select('display_name').where('id', '=', id).executeTakeFirst())
        ?.display_name ?? null)
    : null;

export const tokenByHash = (db: Exec, hash: string) =>
  db.selectFrom('immersion_sign_token').selectAll().where('hash', '=', hash).forUpdate().executeTakeFirst();
