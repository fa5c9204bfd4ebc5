import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../../platform/context';
import { checkAnnex, checkedFromParsed } from '../domain/annex-checks';
import { type AnnexAction, type ParsedAnnex, parseAnnex } from '../domain/annex-parser';
import { annexVocabulary, hubsNamedIn, operatorAliases } from '../domain/annex-vocabulary';
import {
  addTerritories,
  type BudgetFact,
  changedKeys,
  ensureOperator,
  hubsByCode,
  type LineRow,
  linkOperator,
  recordImport,
  type SheetRow,
  storedAction,
  syncAnnexBudgets,
  syncLines,
  syncRow,
  syncSheet,
} from '../infra/annex-store';

/** The repository's copy of the département's 2020 annex (public document, see apps/api/data/README.md). */
export const defaultAnnexFile = path.resolve(import.meta.dirname, '../../../../data/pdi-2020-annex.txt');

export interface AnnexImportResult {
  year: number;
  file: string;
  actions: { total: number; created: number; updated: number };
  operators: { created: number; linked: number };
  territories: number;
  budgets: number;
  sheets: number;
  lines: number;
  /** False when the import found everything as it was (a second run). */
  changed: boolean;
  totals: { amountCents: number; stateShareCents: number; departmentShareCents: number };
  inconsistencies: number;
}

export function readAnnexFile(file: string): string {
  if (!fs.existsSync(file)) throw new Error(`Fichier introuvable : ${file}`);
  return fs.readFileSync(file, 'utf8');
}

const isBlank = (v: unknown) =>
  v === null || v === undefined || v === '[]' || (Array.isArray(v) && v.length === 0);

const operatorName = (name: string) => operatorAliases[name] ?? name;

function operatorsOf(a: AnnexAction): string[] {
  const names = a.sheet && a.sheet.operators.length > 0 ? a.sheet.operators : a.titleOperators;
  return [...new Set(names.map(operatorName))];
}

function territoriesOf(a: AnnexAction, hubs: Map<string, string>): { lot: string | null; hubId: string }[] {
  const wanted: { lot: string | null; hubId: string }[] = [];
  if (/pôle d'insertion/i.test(a.title))
    for (const code of hubsNamedIn(a.title))
      if (hubs.has(code)) wanted.push({ lot: null, hubId: hubs.get(code)! });
  for (const l of a.sheet?.lots ?? [])
    for (const code of hubsNamedIn(l.territory))
      if (hubs.has(code)) wanted.push({ lot: `${l.lot} : ${l.territory}`, hubId: hubs.get(code)! });
  return wanted;
}

function actionRow(a: AnnexAction) {
  const s = a.sheet;
  return {
    title: a.title,
    axis: a.axis,
    kind: a.kind,
    status: a.status,
    grouping: a.grouping || null,
    objectives: a.objectives,
    description: a.description,
    public_description: a.publicText ?? s?.publicText ?? null,
    target_min_age: s?.minAge ?? null,
    target_max_age: s?.maxAge ?? null,
    target_sex: s?.sex ?? null,
    weekly_hours: s?.weeklyHours ?? null,
    weeks: s?.weeks ?? null,
    phases: JSON.stringify(s?.phases ?? []),
    planned_beneficiaries: a.plannedBeneficiaries,
    planned_beneficiaries_text: a.plannedBeneficiariesText,
    indicators: JSON.stringify(s?.indicators.map((i) => ({ label: i.label, targets: i.targets })) ?? []),
    starts_on: s?.startsOn ?? null,
    ends_on: s?.endsOn ?? null,
    source: 'annex',
  };
}

function budgetsOf(a: AnnexAction, year: number): BudgetFact[] {
  const facts: BudgetFact[] = [];
  if (a.amountCents !== null)
    facts.push({
      year,
      source: 'annex_table',
      amount_cents: a.amountCents,
      state_share_cents: a.stateShareCents,
      department_share_cents: a.departmentShareCents,
      note: null,
    });
  for (const y of a.sheet?.yearly ?? [])
    if (y.amountCents !== null)
      facts.push({
        year: y.year,
        source: 'action_sheet',
        amount_cents: y.amountCents,
        state_share_cents: null,
        department_share_cents: null,
        note: /réserve/i.test(y.text) ? y.text : null,
      });
  return facts;
}

function sheetRow(a: AnnexAction, year: number): SheetRow | null {
  const s = a.sheet;
  if (!s) return null;
  return {
    year,
    code: s.code,
    heading: s.heading,
    sheet_kind: s.kind,
    title: s.title,
    context: s.context,
    description: s.description,
    objectives: s.objectives,
    start_text: s.startText,
    duration_text: s.durationText,
    partners_text: s.partnersText,
    public_text: s.publicText,
    operators: s.operators,
    yearly: JSON.stringify(s.yearly),
    total_cents: s.totalCents,
    total_text: s.totalText,
  };
}

const lineRow = (l: ParsedAnnex['lines'][number]): LineRow => ({
  position: l.position,
  scope: l.scope,
  axis: l.axis,
  label: l.label,
  beneficiaries_text: l.beneficiariesText,
  amount_cents: l.amountCents ?? 0,
  state_share_cents: l.stateShareCents ?? 0,
  department_share_cents: l.departmentShareCents ?? 0,
  valued_cents: l.valuedCents,
  new_credits_cents: l.newCreditsCents,
  action_codes: l.actionCodes,
});

/**
 * Imports a year's annex in one transaction: actions (source `annex`), their operators, pôles,
 * budgets (table and sheet), sheets and the printed totals. Idempotent: a second run changes
 * nothing; a run after the file changed updates the annex's facts. What an administrator typed
 * (manual budgets, thématiques already chosen, operators and pôles added) is kept.
 */
export async function importAnnex(
  ctx: AppContext,
  departmentCode: string,
  opts: { file?: string; year?: number } = {},
): Promise<AnnexImportResult> {
  const file = opts.file ?? defaultAnnexFile;
  const text = readAnnexFile(file);
  const parsed = parseAnnex(text, opts.year ?? 2020);
  const year = parsed.year;
  const result: AnnexImportResult = {
    year,
    file,
    actions: { total: parsed.actions.length, created: 0, updated: 0 },
    operators: { created: 0, linked: 0 },
    territories: 0,
    budgets: 0,
    sheets: 0,
    lines: 0,
    changed: false,
    totals: totalsOf(parsed),
    inconsistencies: checkAnnex(checkedFromParsed(parsed)).length,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const hubs = await hubsByCode(trx, departmentCode);
    for (const a of parsed.actions) {
      const row = actionRow(a);
      const vocabulary = annexVocabulary[a.code];
      const stored = await storedAction(trx, departmentCode, a.code);
      let actionId: string;
      if (!stored) {
        const inserted = await trx
          .insertInto('insertion_action')
          .values({
            department_code: departmentCode,
            code: a.code,
            ...row,
            thematiques: vocabulary?.thematiques ?? [],
            publics: vocabulary?.publics ?? [],
            service_type: vocabulary?.serviceType ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        actionId = inserted.id;
        result.actions.created++;
      } else {
        actionId = stored.id;
        // What the annex leaves blank and someone filled in Parcours (hours, weeks…) is kept.
        const stated = Object.fromEntries(
          Object.entries(row).filter(
            ([k, v]) => !isBlank(v) || isBlank((stored as Record<string, unknown>)[k]),
          ),
        ) as Partial<typeof row>;
        const changed = changedKeys(stored, stated);
        const vocabularyMissing =
          vocabulary && stored.thematiques.length === 0 && vocabulary.thematiques.length > 0;
        if (changed.length > 0 || vocabularyMissing) {
          await trx
            .updateTable('insertion_action')
            .set((eb) => ({
              ...Object.fromEntries(changed.map((k) => [k, stated[k]])),
              ...(vocabularyMissing
                ? {
                    thematiques: vocabulary.thematiques,
                    publics: stored.publics.length > 0 ? stored.publics : vocabulary.publics,
                    service_type: stored.service_type ?? vocabulary.serviceType,
                  }
                : {}),
              version: eb('version', '+', 1),
              updated_at: new Date(),
            }))
            .where('id', '=', actionId)
            .execute();
          result.actions.updated++;
        }
      }
      for (const name of operatorsOf(a)) {
        const op = await ensureOperator(trx, departmentCode, name);
        if (op.created) result.operators.created++;
        if (await linkOperator(trx, departmentCode, actionId, op.id)) result.operators.linked++;
      }
      result.territories += await addTerritories(trx, departmentCode, actionId, territoriesOf(a, hubs));
      result.budgets += await syncAnnexBudgets(trx, departmentCode, actionId, budgetsOf(a, year));
      if (await syncSheet(trx, departmentCode, actionId, sheetRow(a, year))) result.sheets++;
      const rowChanged = await syncRow(trx, departmentCode, actionId, year, {
        position: a.position,
        amount_text: a.amountText,
        valued_cents: a.valuedCents,
        new_credits_cents: a.newCreditsCents,
      });
      if (rowChanged) result.budgets++;
    }
    result.lines = await syncLines(trx, departmentCode, year, parsed.lines.map(lineRow));
    const recorded = await recordImport(trx, {
      department_code: departmentCode,
      year,
      title: parsed.title,
      subtitle: parsed.subtitle,
      file_sha256: createHash('sha256').update(text).digest('hex'),
      header_amount_cents: parsed.header?.amountCents ?? null,
      header_state_share_cents: parsed.header?.stateShareCents ?? null,
      header_department_share_cents: parsed.header?.departmentShareCents ?? null,
    });
    result.changed =
      recorded ||
      result.actions.created + result.actions.updated + result.operators.linked + result.territories > 0 ||
      result.budgets + result.sheets + result.lines > 0;
  });
  return result;
}

/** The grand total computed from the action rows and the valuation line (not the printed one). */
export function totalsOf(parsed: ParsedAnnex) {
  const valuation = parsed.lines.find((l) => l.scope === 'valuation');
  const sum = (f: 'amountCents' | 'stateShareCents' | 'departmentShareCents') =>
    parsed.actions.reduce((s, a) => s + (a[f] ?? 0), 0) + (valuation?.[f] ?? 0);
  return {
    amountCents: sum('amountCents'),
    stateShareCents: sum('stateShareCents'),
    departmentShareCents: sum('departmentShareCents'),
  };
}
