import { type RawBuilder, sql } from 'kysely';

/**
 * The rows behind the Plan Pauvreté indicators (INDICATORS.md), one SQL source per family. The
 * counts aggregate these rows and the drill-down lists them: one definition for both.
 *
 * - spells: entry spells (entry_spell read model, kept with the facts) whose entry or initial
 *   orientation falls in the period — 3.1.1, 3.1.2, 3.1.3, one row per entry;
 * - programme orientations: orientations notified in the period naming a programme — 3.2.1 flow
 *   and the 3.2.2 start delay;
 * - stock: persons whose latest orientation on the last day names a programme, rights open that
 *   day — 3.2.1 stock and the 3.2.2 numerator.
 *
 * Dates are compared as `date`s; "1 month" / "2 months" are PostgreSQL calendar months
 * (31 January + 1 month = 28 or 29 February). Later events count up to `computedOn`.
 */
export interface IndicatorWindow {
  departmentCode: string;
  from: string;
  to: string;
  /** The pôle's uuid, null for the département. */
  hubId: string | null;
  /** The computation date: the cohorts' later events are looked at up to it. */
  computedOn: string;
}

/**
 * The fact belongs to a person living in the pôle: the pôle of their household's commune (as
 * `personScope`), kept on the fact's row by triggers (migration 0037) so that a pôle reads its own
 * index range.
 */
function inHub(alias: string, hubId: string | null): RawBuilder<unknown> {
  if (hubId === null) return sql``;
  return sql`AND ${sql.ref(`${alias}.hub_id`)} = ${hubId}::uuid`;
}

/** Pathways of 3.1.2: social and socio-professional (the professional pathway, France Travail, is not). */
const APPOINTMENT_PATHWAYS = sql`('social', 'socio-professional')`;

/**
 * One row per entry spell whose entry date or initial orientation date is in the period, with a
 * boolean per indicator of 3.1 (true when the spell counts in it).
 */
export function spellRows(w: IndicatorWindow): RawBuilder<unknown> {
  const from = sql`${w.from}::date`;
  const to = sql`${w.to}::date`;
  const today = sql`${w.computedOn}::date`;
  return sql`
    SELECT r.*,
      r.entry_in AS new_entrant,
      r.entry_in AND r.oriented_on <= ${today} AS new_entrant_oriented,
      r.entry_in AND r.oriented_on <= ${today}
        AND r.oriented_on <= (r.entry_date + interval '1 month')::date AS new_entrant_oriented_1m,
      r.oriented_in AND r.orientation_pathway IN ${APPOINTMENT_PATHWAYS}
        AND r.first_appointment_on IS NOT NULL AS first_appointment,
      r.oriented_in AND r.orientation_pathway IN ${APPOINTMENT_PATHWAYS}
        AND r.first_appointment_on <= r.oriented_on + 14 AS first_appointment_2w,
      r.oriented_in AND r.first_contract_on IS NOT NULL AS first_contract,
      r.oriented_in
        AND r.first_contract_on <= (r.oriented_on + interval '2 months')::date AS first_contract_2m
    FROM (
      SELECT s.person_id, s.entry_date, s.oriented_on, s.orientation_pathway,
        s.entry_date BETWEEN ${from} AND ${to} AS entry_in,
        coalesce(s.oriented_on BETWEEN ${from} AND ${to}, false) AS oriented_in,
        CASE WHEN s.first_accompaniment_on <= ${today} THEN s.first_accompaniment_on END AS first_appointment_on,
        CASE WHEN s.first_contract_signed_on <= ${today} THEN s.first_contract_signed_on END AS first_contract_on
      FROM entry_spell s
      WHERE s.department_code = ${w.departmentCode}
        AND (s.entry_date BETWEEN ${from} AND ${to} OR s.oriented_on BETWEEN ${from} AND ${to})
        ${inHub('s', w.hubId)}
    ) r`;
}

/**
 * One row per orientation notified in the period naming a programme (garantie d'activité), with,
 * for `accompagnement-global`, the earliest accompaniment appointment on or after it that was not
 * cancelled (nor rescheduled: replaced by another) and its delay in days.
 */
export function programmeOrientationRows(w: IndicatorWindow): RawBuilder<unknown> {
  const today = sql`${w.computedOn}::date`;
  return sql`
    SELECT o.person_id, o.notified_on, o.programme, fa.on_date AS first_appointment_on,
      fa.on_date - o.notified_on AS delay_days,
      o.programme = 'accompagnement-global' AND fa.on_date IS NOT NULL AS global_support_started
    FROM orientation o
    LEFT JOIN LATERAL (
      SELECT min(a.on_date) AS on_date
      FROM appointment a
      WHERE o.programme = 'accompagnement-global'
        AND a.person_id = o.person_id AND a.purpose = 'accompaniment'
        AND a.status NOT IN ('cancelled', 'rescheduled')
        AND a.on_date >= o.notified_on AND a.on_date <= ${today}
    ) fa ON true
    WHERE o.department_code = ${w.departmentCode}
      AND o.notified_on BETWEEN ${w.from}::date AND ${w.to}::date
      AND o.programme IS NOT NULL
      ${inHub('o', w.hubId)}`;
}

/**
 * One row per person in a garantie d'activité programme on the period's last day: their latest
 * orientation dated on or before it names the programme (ties: the later recorded) and their
 * rights are open that day (a rights period runs from its date to the next one's, excluded).
 *
 * The latest orientation on the day is the one in force: dated on or before it and not superseded
 * by then (`superseded_on`, the date of the person's next orientation, kept by triggers: migration
 * 0037), so only the programme orientations in force are read, each probing its person's open
 * rights (bench/RESULTS.md).
 */
export function programmeStockRows(w: IndicatorWindow): RawBuilder<unknown> {
  const day = sql`${w.to}::date`;
  return sql`
    SELECT o.person_id, o.notified_on, o.programme,
      o.programme = 'accompagnement-global' AS global_support
    FROM orientation o
    CROSS JOIN LATERAL (
      SELECT 1 FROM rights_period rp
      WHERE rp.person_id = o.person_id AND rp.rights_open
        AND rp.valid_from <= ${day} AND (rp.valid_to IS NULL OR rp.valid_to > ${day})
      LIMIT 1) open_rights
    WHERE o.department_code = ${w.departmentCode}
      AND o.programme IS NOT NULL AND o.notified_on <= ${day}
      AND (o.superseded_on IS NULL OR o.superseded_on > ${day})
      ${inHub('o', w.hubId)}`;
}

/** Advisor pairs (binômes) of accompagnement global active on the last day, in the pôle's structures. */
export function activePairsCount(w: IndicatorWindow): RawBuilder<{ pairs: number }> {
  const day = sql`${w.to}::date`;
  const hub = w.hubId === null ? sql`` : sql`AND st.hub_id = ${w.hubId}::uuid`;
  return sql<{ pairs: number }>`
    SELECT count(*)::int AS pairs
    FROM referent r
    JOIN structure st ON st.id = r.structure_id
    WHERE r.department_code = ${w.departmentCode} AND r.global_support_pair
      AND r.active_from <= ${day} AND (r.active_to IS NULL OR r.active_to >= ${day})
      ${hub}`;
}
