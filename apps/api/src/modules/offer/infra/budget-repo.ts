import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';

type Db = Kysely<Database> | Transaction<Database>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export interface StoredAction {
  id: string;
  code: string;
  title: string;
  axis: number;
  kind: string;
  status: string;
  grouping: string | null;
  objectives: string | null;
  description: string | null;
  publicDescription: string | null;
  plannedBeneficiaries: number | null;
  plannedBeneficiariesText: string | null;
  /** The action's row in the year's annex table (null: not in that year's annex). */
  row: {
    position: number;
    amountText: string | null;
    valuedCents: number | null;
    newCreditsCents: number | null;
  } | null;
}

export interface StoredBudget {
  actionId: string;
  year: number;
  source: 'annex_table' | 'action_sheet' | 'manual';
  amountCents: number;
  stateShareCents: number | null;
  departmentShareCents: number | null;
  note: string | null;
}

export interface StoredSheet {
  actionId: string;
  kind: 'socle' | 'hors_socle';
  yearly: { year: number; amountCents: number | null; text: string }[];
  totalCents: number | null;
  totalText: string | null;
}

export interface StoredLine {
  position: number;
  scope: 'group' | 'axis' | 'valuation' | 'general';
  axis: number | null;
  label: string;
  beneficiariesText: string | null;
  amountCents: number;
  stateShareCents: number;
  departmentShareCents: number;
  valuedCents: number | null;
  newCreditsCents: number | null;
  actionCodes: string[];
}

export interface StoredAnnex {
  actions: StoredAction[];
  budgets: StoredBudget[];
  sheets: Map<string, StoredSheet>;
  lines: StoredLine[];
  header: { amountCents: number; stateShareCents: number; departmentShareCents: number } | null;
  title: string | null;
  subtitle: string | null;
  years: number[];
}

/** Every fact about the offer's budgets of a département, and the annex of `year`. */
export async function loadStoredAnnex(db: Db, departmentCode: string, year: number): Promise<StoredAnnex> {
  const actions = await db
    .selectFrom('insertion_action as a')
    .leftJoin('offer_annex_row as r', (j) => j.onRef('r.action_id', '=', 'a.id').on('r.year', '=', year))
    .select([
      'a.id',
      'a.code',
      'a.title',
      'a.axis',
      'a.kind',
      'a.status',
      'a.grouping',
      'a.objectives',
      'a.description',
      'a.public_description',
      'a.planned_beneficiaries',
      'a.planned_beneficiaries_text',
      'r.position',
      'r.amount_text',
      'r.valued_cents',
      'r.new_credits_cents',
    ])
    .where('a.department_code', '=', departmentCode)
    .orderBy('r.position')
    .orderBy('a.axis')
    .orderBy('a.code')
    .execute();
  const budgets = await db
    .selectFrom('insertion_action_budget')
    .selectAll()
    .where('department_code', '=', departmentCode)
    .orderBy('year')
    .execute();
  const sheets = await db
    .selectFrom('offer_annex_sheet')
    .select(['action_id', 'sheet_kind', 'yearly', 'total_cents', 'total_text'])
    .where('department_code', '=', departmentCode)
    .execute();
  const lines = await db
    .selectFrom('offer_annex_line')
    .selectAll()
    .where('department_code', '=', departmentCode)
    .where('year', '=', year)
    .orderBy('position')
    .execute();
  const imported = await db
    .selectFrom('offer_annex_import')
    .selectAll()
    .where('department_code', '=', departmentCode)
    .where('year', '=', year)
    .executeTakeFirst();
  const lineYears = await db
    .selectFrom('offer_annex_line')
    .select('year')
    .distinct()
    .where('department_code', '=', departmentCode)
    .execute();
  const years = [...new Set([...budgets.map((b) => b.year), ...lineYears.map((l) => l.year)])].sort(
    (a, b) => a - b,
  );
  return {
    actions: actions.map((a) => ({
      id: a.id,
      code: a.code,
      title: a.title,
      axis: a.axis,
      kind: a.kind,
      status: a.status,
      grouping: a.grouping,
      objectives: a.objectives,
      description: a.description,
      publicDescription: a.public_description,
      plannedBeneficiaries: a.planned_beneficiaries,
      plannedBeneficiariesText: a.planned_beneficiaries_text,
      row:
        a.position === null
          ? null
          : {
              position: a.position,
              amountText: a.amount_text,
              valuedCents: num(a.valued_cents),
              newCreditsCents: num(a.new_credits_cents),
            },
    })),
    budgets: budgets.map((b) => ({
      actionId: b.action_id,
      year: b.year,
      source: b.source as StoredBudget['source'],
      amountCents: Number(b.amount_cents),
      stateShareCents: num(b.state_share_cents),
      departmentShareCents: num(b.department_share_cents),
      note: b.note,
    })),
    sheets: new Map(
      sheets.map((s) => [
        s.action_id,
        {
          actionId: s.action_id,
          kind: s.sheet_kind as StoredSheet['kind'],
          yearly: (typeof s.yearly === 'string' ? JSON.parse(s.yearly) : s.yearly) as StoredSheet['yearly'],
          totalCents: num(s.total_cents),
          totalText: s.total_text,
        },
      ]),
    ),
    lines: lines.map((l) => ({
      position: l.position,
      scope: l.scope as StoredLine['scope'],
      axis: l.axis,
      label: l.label,
      beneficiariesText: l.beneficiaries_text,
      amountCents: Number(l.amount_cents),
      stateShareCents: Number(l.state_share_cents),
      departmentShareCents: Number(l.department_share_cents),
      valuedCents: num(l.valued_cents),
      newCreditsCents: num(l.new_credits_cents),
      actionCodes: l.action_codes,
    })),
    header: imported
      ? {
          amountCents: Number(imported.header_amount_cents),
          stateShareCents: Number(imported.header_state_share_cents),
          departmentShareCents: Number(imported.header_department_share_cents),
        }
      : null,
    title: imported?.title ?? null,
    subtitle: imported?.subtitle ?? null,
    years,
  };
}

export const actionOfDepartment = (db: Db, departmentCode: string, id: string) =>
  db
    .selectFrom('insertion_action')
    .select(['id', 'code', 'status'])
    .where('department_code', '=', departmentCode)
    .where('id', '=', id)
    .executeTakeFirst();

/** Writes the action's budget typed in Parcours for a year (one per year), returns the row. */
export async function upsertManualBudget(
  trx: Transaction<Database>,
  departmentCode: string,
  actionId: string,
  year: number,
  input: { amountCents: number; stateShareCents: number; departmentShareCents: number; note: string | null },
) {
  const values = {
    amount_cents: input.amountCents,
    state_share_cents: input.stateShareCents,
    department_share_cents: input.departmentShareCents,
    note: input.note,
  };
  return trx
    .insertInto('insertion_action_budget')
    .values({ department_code: departmentCode, action_id: actionId, year, source: 'manual', ...values })
    .onConflict((oc) => oc.columns(['action_id', 'year', 'source']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The latest year whose annex was imported. */
export async function latestAnnexYear(db: Db, departmentCode: string): Promise<number | null> {
  const row = await db
    .selectFrom('offer_annex_import')
    .select((eb) => eb.fn.max('year').as('year'))
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();
  return row?.year ?? null;
}
