import type { CoordinateField } from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type { AddressValue, GroupValue } from '../domain/coordinates';

type Exec = Kysely<Database>;

export interface ContactRow {
  kind: string;
  value: string;
  consent: string | null;
  consent_on: string | null;
  consent_source: string | null;
  source: string;
  updated_at: Date;
}

export interface SourceRow {
  field: string;
  source: string;
  fact_on: string;
  account_id: string | null;
  author_name: string | null;
  caf_value: unknown;
}

/** A household's coordinates as stored: address columns, contacts, who entered which group. */
export async function readHouseholdCoordinates(exec: Exec, departmentCode: string, householdId: string) {
  const h = await exec
    .selectFrom('household')
    .select([
      'id',
      'version',
      'street_number',
      'street_type',
      'street_name',
      'address_complement',
      'locality',
      'commune_code',
      'postal_code',
      'commune_name',
      'updated_at',
    ])
    .where('id', '=', householdId)
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();
  if (!h) return null;
  const contacts = (await exec
    .selectFrom('contact')
    .select(['kind', 'value', 'consent', 'consent_on', 'consent_source', 'source', 'updated_at'])
    .where('household_id', '=', householdId)
    .execute()) as ContactRow[];
  const sources = (await exec
    .selectFrom('coordinate_source as s')
    .leftJoin('account as a', 'a.id', 's.account_id')
    .select([
      's.field',
      's.source',
      's.fact_on',
      's.account_id',
      'a.display_name as author_name',
      's.caf_value',
    ])
    .where('s.household_id', '=', householdId)
    .execute()) as SourceRow[];
  const address: AddressValue = {
    streetNumber: h.street_number,
    streetType: h.street_type,
    streetName: h.street_name,
    complement: h.address_complement,
    locality: h.locality,
    communeCode: h.commune_code,
    postalCode: h.postal_code,
    communeName: h.commune_name,
  };
  return { household: h, address, contacts, sources };
}
export type HouseholdCoordinates = NonNullable<Awaited<ReturnType<typeof readHouseholdCoordinates>>>;

/** Locks the household at the version the form was loaded with; false when it moved meanwhile. */
export async function lockHousehold(
  exec: Exec,
  departmentCode: string,
  householdId: string,
  version: number,
) {
  const r = await sql<{ id: string }>`
    SELECT id FROM household WHERE id = ${householdId} AND department_code = ${departmentCode}
      AND version = ${version} FOR UPDATE`.execute(exec);
  return r.rows.length === 1;
}

export async function bumpHousehold(exec: Exec, householdId: string, addressChanged: boolean) {
  await exec
    .updateTable('household')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: new Date(),
      // The next flux compares its address with the corrected one instead of skipping it as unchanged.
      ...(addressChanged ? { content_hash: null } : {}),
    }))
    .where('id', '=', householdId)
    .execute();
}

export async function writeContact(
  exec: Exec,
  departmentCode: string,
  householdId: string,
  kind: 'phone' | 'email',
  v: { value: string | null; consent: string | null; consentOn: string | null; consentSource: string | null },
  source: string,
) {
  if (!v.value) {
    await exec
      .deleteFrom('contact')
      .where('household_id', '=', householdId)
      .where('kind', '=', kind)
      .execute();
    return;
  }
  const row = {
    value: v.value,
    consent: v.consent,
    consent_on: v.consentOn,
    consent_source: v.consentSource,
    source,
    updated_at: new Date(),
  };
  await exec
    .insertInto('contact')
    .values({ department_code: departmentCode, household_id: householdId, kind, ...row })
    .onConflict((oc) => oc.columns(['household_id', 'kind']).doUpdateSet(row))
    .execute();
}

export async function writeAddress(exec: Exec, householdId: string, a: AddressValue) {
  await exec
    .updateTable('household')
    .set({
      street_number: a.streetNumber,
      street_type: a.streetType,
      street_name: a.streetName,
      address_complement: a.complement,
      locality: a.locality,
      commune_code: a.communeCode,
      postal_code: a.postalCode,
      commune_name: a.communeName,
      abroad: false,
    })
    .where('id', '=', householdId)
    .execute();
}

/** The group was entered on the file: it wins over older CAF values from now on. */
export async function setSource(
  exec: Exec,
  row: {
    departmentCode: string;
    householdId: string;
    field: CoordinateField;
    source: string;
    factOn: string;
    accountId: string | null;
    cafValue: GroupValue | null;
  },
) {
  const values = {
    source: row.source,
    fact_on: row.factOn,
    account_id: row.accountId,
    caf_value: row.cafValue ? JSON.stringify(row.cafValue) : null,
    recorded_at: new Date(),
  };
  await exec
    .insertInto('coordinate_source')
    .values({
      department_code: row.departmentCode,
      household_id: row.householdId,
      field: row.field,
      ...values,
    })
    .onConflict((oc) => oc.columns(['household_id', 'field']).doUpdateSet(values))
    .execute();
}

export async function dropSource(exec: Exec, householdId: string, field: CoordinateField) {
  await exec
    .deleteFrom('coordinate_source')
    .where('household_id', '=', householdId)
    .where('field', '=', field)
    .execute();
}

export interface RectificationRow {
  department_code: string;
  household_id: string;
  person_id: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: string;
  account_id: string | null;
  flux_run_id: string | null;
}

export async function insertRectifications(exec: Exec, rows: RectificationRow[]) {
  if (rows.length) await exec.insertInto('coordinate_rectification').values(rows).execute();
}

/** The commune of the official list, in the actor's département, with its postal codes. */
export async function findCommune(exec: Exec, departmentCode: string, inseeCode: string) {
  return exec
    .selectFrom('commune')
    .select(['insee_code', 'name', 'postal_codes'])
    .where('insee_code', '=', inseeCode)
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();
}

/** Open conflicts and the rectification log of a household, with the authors' names. */
export async function readCoordinateLog(exec: Exec, householdId: string) {
  const conflicts = await exec
    .selectFrom('coordinate_conflict as c')
    .leftJoin('account as a', 'a.id', 'c.entered_by')
    .select([
      'c.id',
      'c.field',
      'c.outcome',
      'c.flux_on',
      'c.flux_value',
      'c.entered_value',
      'c.entered_on',
      'a.display_name as entered_by',
      'c.version',
    ])
    .where('c.household_id', '=', householdId)
    .where('c.status', '=', 'open')
    .orderBy('c.created_at', 'desc')
    .execute();
  const rectifications = await exec
    .selectFrom('coordinate_rectification as r')
    .leftJoin('account as a', 'a.id', 'r.account_id')
    .select([
      sql<string>`r.id::text`.as('id'),
      'r.field',
      'r.old_value',
      'r.new_value',
      'r.source',
      'a.display_name as author_name',
      'r.recorded_at',
    ])
    .where('r.household_id', '=', householdId)
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute();
  return { conflicts, rectifications };
}

/** The persons of a household today, for the timeline lines of a flux conflict. */
export async function householdPersons(exec: Exec, householdIds: string[]) {
  if (householdIds.length === 0) return [];
  return exec
    .selectFrom('person')
    .select(['id', 'household_id'])
    .where('household_id', 'in', householdIds)
    .execute();
}
