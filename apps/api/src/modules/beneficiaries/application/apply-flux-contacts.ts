import { sql } from 'kysely';
import type { FluxHousehold } from '../domain/flux';
import type { ApplyContext } from './apply-flux-context';
import { guardEnteredCoordinates } from './apply-flux-coordinates';

/**
 * Applies the contact blocks of an instruction flux (VIRS) to known households. A phone or e-mail
 * entered on the person's file is not overwritten silently (guardEnteredCoordinates).
 */
export async function applyContactBatch(c: ApplyContext, batch: FluxHousehold[]) {
  const rows: { claim_number: string; kind: 'phone' | 'email'; value: string; consent: string | null }[] = [];
  for (const h of batch) {
    if (h.contacts?.phone)
      rows.push({
        claim_number: h.claimNumber,
        kind: 'phone',
        value: h.contacts.phone,
        consent: h.contacts.phoneConsent,
      });
    if (h.contacts?.email)
      rows.push({
        claim_number: h.claimNumber,
        kind: 'email',
        value: h.contacts.email,
        consent: h.contacts.emailConsent,
      });
  }
  const known = await sql<{ id: string; claim_number: string }>`
    SELECT h.id, h.claim_number FROM household h
    WHERE h.department_code = ${c.departmentCode} AND h.claim_number = ANY(${batch.map((h) => h.claimNumber)}::text[])`.execute(
    c.trx,
  );
  const idsOf = new Map<string, string[]>();
  for (const r of known.rows) idsOf.set(r.claim_number, [...(idsOf.get(r.claim_number) ?? []), r.id]);
  c.stats.contacts.unmatched += batch.filter((h) => !idsOf.has(h.claimNumber)).length;
  const applicable: (Omit<(typeof rows)[number], 'claim_number'> & { household_id: string })[] = [];
  for (const kind of ['phone', 'email'] as const) {
    const items = rows
      .filter((r) => r.kind === kind)
      .flatMap((r) => (idsOf.get(r.claim_number) ?? []).map((household_id) => ({ ...r, household_id })));
    const blocked = await guardEnteredCoordinates(
      c,
      kind,
      items.map((r) => ({ householdId: r.household_id, incoming: { value: r.value, consent: r.consent } })),
    );
    for (const { claim_number: _, ...r } of items) if (!blocked.has(r.household_id)) applicable.push(r);
  }
  if (applicable.length === 0) return;
  // The consent's date is the file's when the CAF brings a new answer.
  const result = await sql<{ household_id: string }>`
    INSERT INTO contact (department_code, household_id, kind, value, consent, consent_on, consent_source, source)
    SELECT ${c.departmentCode}, x.household_id, x.kind, x.value, x.consent,
      CASE WHEN x.consent IS NULL THEN NULL ELSE ${c.date}::date END,
      CASE WHEN x.consent IS NULL THEN NULL ELSE 'flux' END, 'flux'
    FROM jsonb_to_recordset(${JSON.stringify(applicable)}::jsonb) AS x(household_id uuid, kind text, value text, consent text)
    ON CONFLICT (household_id, kind) DO UPDATE SET value = excluded.value, consent = excluded.consent,
      consent_on = CASE WHEN contact.consent IS DISTINCT FROM excluded.consent THEN excluded.consent_on ELSE contact.consent_on END,
      consent_source = CASE WHEN contact.consent IS DISTINCT FROM excluded.consent THEN excluded.consent_source ELSE contact.consent_source END,
      source = excluded.source, updated_at = now()
    WHERE contact.value IS DISTINCT FROM excluded.value OR contact.consent IS DISTINCT FROM excluded.consent
    RETURNING household_id`.execute(c.trx);
  c.stats.contacts.updated += result.rows.length;
  // A form opened before this flux must not save over its values unseen (optimistic lock).
  const changed = [...new Set(result.rows.map((r) => r.household_id))];
  if (changed.length)
    await sql`UPDATE household SET version = version + 1 WHERE id = ANY(${changed}::uuid[])`.execute(c.trx);
}
