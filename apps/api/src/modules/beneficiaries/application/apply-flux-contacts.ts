import { sql } from 'kysely';
import type { FluxHousehold } from '../domain/flux';
import type { ApplyContext } from './apply-flux-context';

/** Applies the contact blocks of an instruction flux (VIRS) to known households. */
export async function applyContactBatch(c: ApplyContext, batch: FluxHousehold[]) {
  const rows: { claim_number: string; kind: string; value: string; consent: string | null }[] = [];
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
  const known = await sql<{ claim_number: string }>`
    SELECT DISTINCT h.claim_number FROM household h
    WHERE h.department_code = ${c.departmentCode} AND h.claim_number = ANY(${batch.map((h) => h.claimNumber)}::text[])`.execute(
    c.trx,
  );
  const knownSet = new Set(known.rows.map((r) => r.claim_number));
  c.stats.contacts.unmatched += batch.filter((h) => !knownSet.has(h.claimNumber)).length;
  const applicable = rows.filter((r) => knownSet.has(r.claim_number));
  if (applicable.length === 0) return;
  const result = await sql`
    INSERT INTO contact (department_code, household_id, kind, value, consent, source)
    SELECT ${c.departmentCode}, h.id, x.kind, x.value, x.consent, 'flux'
    FROM jsonb_to_recordset(${JSON.stringify(applicable)}::jsonb) AS x(claim_number text, kind text, value text, consent text)
    JOIN household h ON h.department_code = ${c.departmentCode} AND h.claim_number = x.claim_number
    ON CONFLICT (household_id, kind) DO UPDATE SET value = excluded.value, consent = excluded.consent, updated_at = now()
    WHERE contact.value IS DISTINCT FROM excluded.value OR contact.consent IS DISTINCT FROM excluded.consent`.execute(
    c.trx,
  );
  c.stats.contacts.updated += Number(result.numAffectedRows ?? 0);
}
