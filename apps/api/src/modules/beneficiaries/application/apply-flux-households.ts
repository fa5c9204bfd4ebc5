import { sql } from 'kysely';
import { newOrderedId } from '../../../platform/ids';
import type { AddressValue } from '../domain/coordinates';
import type { FluxError, FluxHousehold } from '../domain/flux';
import { type ApplyContext, hashOf } from './apply-flux-context';
import { guardEnteredCoordinates } from './apply-flux-coordinates';

function householdRow(h: FluxHousehold) {
  const a = h.address;
  return {
    organism: h.organism,
    organism_number: h.organismNumber,
    claim_number: h.claimNumber,
    matricule: h.matricule,
    claim_date: h.claimDate,
    family_situation: h.familySituation,
    family_situation_since: h.familySituationSince,
    street_number: a?.streetNumber ?? null,
    street_type: a?.streetType ?? null,
    street_name: a?.streetName ?? null,
    address_complement: a?.complement ?? null,
    locality: a?.locality ?? null,
    commune_code: a?.inseeCode ?? null,
    postal_code: a?.postalCode ?? null,
    commune_name: a?.communeName ?? null,
    abroad: a?.abroad ?? false,
    rights_status: h.rightsStatus,
  };
}

/**
 * An address entered on the person's file is not overwritten silently by an older or restated
 * CAF address (guardEnteredCoordinates): those rows keep the household's current address.
 */
async function keepEnteredAddresses(c: ApplyContext, updates: Record<string, unknown>[]) {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const blocked = await guardEnteredCoordinates(
    c,
    'address',
    updates.map((u) => ({
      householdId: String(u.id),
      incoming: {
        streetNumber: text(u.street_number),
        streetType: text(u.street_type),
        streetName: text(u.street_name),
        complement: text(u.address_complement),
        locality: text(u.locality),
        communeCode: text(u.commune_code),
        postalCode: text(u.postal_code),
        communeName: text(u.commune_name),
      },
    })),
  );
  for (const u of updates) {
    const kept = blocked.get(String(u.id)) as AddressValue | undefined;
    if (!kept) continue;
    Object.assign(u, {
      street_number: kept.streetNumber,
      street_type: kept.streetType,
      street_name: kept.streetName,
      address_complement: kept.complement,
      locality: kept.locality,
      commune_code: kept.communeCode,
      postal_code: kept.postalCode,
      commune_name: kept.communeName,
      abroad: false,
    });
  }
}

/**
 * At most one demandeur and one conjoint: a household that says otherwise is refused. Both parsers
 * check it already, with the line; this holds the invariant whatever produced the records.
 */
export function checkComposition(h: FluxHousehold): FluxError | null {
  const dem = h.members.filter((p) => p.role === 'DEM').length;
  const cjt = h.members.filter((p) => p.role === 'CJT').length;
  if (dem <= 1 && cjt <= 1) return null;
  return {
    place: h.path,
    field: 'ROLEPERS',
    reason: `Le dossier ${h.claimNumber} déclare ${dem} demandeur(s) et ${cjt} conjoint(s) : un foyer a au plus un demandeur et un conjoint. Foyer rejeté.`,
  };
}

/**
 * Households of a batch, matched by organism + claim number: created, or updated when their
 * content changed. Answers the id of each and the households known before this batch.
 */
export async function upsertHouseholds(c: ApplyContext, batch: FluxHousehold[]) {
  const { trx, departmentCode, date, stats } = c;
  // 1. Households: match by organism + claim number.
  const keys = batch.map((h) => ({ organism: h.organism, claim_number: h.claimNumber }));
  const existing = await sql<{
    id: string;
    organism: string;
    claim_number: string;
    content_hash: string | null;
    rights_status: string | null;
  }>`
    SELECT h.id, h.organism, h.claim_number, h.content_hash, h.rights_status
    FROM household h
    JOIN jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(organism text, claim_number text)
      ON k.organism = h.organism AND k.claim_number = h.claim_number
    WHERE h.department_code = ${departmentCode}`.execute(trx);
  const byKey = new Map(existing.rows.map((r) => [`${r.organism}|${r.claim_number}`, r]));
  const householdIds = new Map<FluxHousehold, string>();
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  for (const h of batch) {
    const row = householdRow(h);
    const contentHash = hashOf(row);
    const found = byKey.get(`${h.organism}|${h.claimNumber}`);
    if (!found) {
      const id = newOrderedId();
      householdIds.set(h, id);
      inserts.push({ id, ...row, content_hash: contentHash, rights_status_since: date });
      byKey.set(`${h.organism}|${h.claimNumber}`, {
        id,
        organism: h.organism,
        claim_number: h.claimNumber,
        content_hash: contentHash,
        rights_status: h.rightsStatus,
      });
      stats.households.created++;
    } else {
      householdIds.set(h, found.id);
      if (found.content_hash === contentHash) {
        stats.households.unchanged++;
      } else {
        updates.push({
          id: found.id,
          ...row,
          content_hash: contentHash,
          status_changed: found.rights_status !== h.rightsStatus,
        });
        stats.households.updated++;
      }
    }
  }
  if (inserts.length) {
    await sql`
      INSERT INTO household (id, department_code, organism, organism_number, claim_number, matricule, claim_date,
        family_situation, family_situation_since, street_number, street_type, street_name, address_complement, locality,
        commune_code, postal_code, commune_name, abroad, rights_status, rights_status_since, content_hash)
      SELECT x.id, ${departmentCode}, x.organism, x.organism_number, x.claim_number, x.matricule, x.claim_date,
        x.family_situation, x.family_situation_since, x.street_number, x.street_type, x.street_name, x.address_complement,
        x.locality, x.commune_code, x.postal_code, x.commune_name, x.abroad, x.rights_status, x.rights_status_since, x.content_hash
      FROM jsonb_to_recordset(${JSON.stringify(inserts)}::jsonb) AS x(id uuid, organism text, organism_number text,
        claim_number text, matricule text, claim_date date, family_situation text, family_situation_since date,
        street_number text, street_type text, street_name text, address_complement text, locality text, commune_code text,
        postal_code text, commune_name text, abroad boolean, rights_status text, rights_status_since date, content_hash text)`.execute(
      trx,
    );
  }
  if (updates.length) await keepEnteredAddresses(c, updates);
  if (updates.length) {
    await sql`
      UPDATE household h SET organism_number = x.organism_number, matricule = x.matricule, claim_date = x.claim_date,
        family_situation = x.family_situation, family_situation_since = x.family_situation_since,
        street_number = x.street_number, street_type = x.street_type, street_name = x.street_name,
        address_complement = x.address_complement, locality = x.locality, commune_code = x.commune_code,
        postal_code = x.postal_code, commune_name = x.commune_name, abroad = x.abroad, rights_status = x.rights_status,
        rights_status_since = CASE WHEN x.status_changed THEN ${date}::date ELSE h.rights_status_since END,
        content_hash = x.content_hash, updated_at = now(), version = h.version + 1
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS x(id uuid, organism_number text, matricule text,
        claim_date date, family_situation text, family_situation_since date, street_number text, street_type text,
        street_name text, address_complement text, locality text, commune_code text, postal_code text, commune_name text,
        abroad boolean, rights_status text, content_hash text, status_changed boolean)
      WHERE h.id = x.id`.execute(trx);
  }

  // Households known before this batch: their current members, to tell who left (below).
  const knownHouseholds = existing.rows.map((r) => r.id);
  return { householdIds, knownHouseholds };
}
