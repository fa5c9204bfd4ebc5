import type { CoordinateField, Coordinates, CoordinatesUpdate } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { invalid, unprocessable, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { type AddressValue, type ContactValue, streetLine } from '../domain/coordinates';
import { addressChanges, type ChangedField, contactChanges } from '../domain/rectifications';
import { beneficiaryEvents } from '../domain/timeline-events';
import {
  bumpHousehold,
  findCommune,
  type HouseholdCoordinates,
  insertRectifications,
  lockHousehold,
  readCoordinateLog,
  readHouseholdCoordinates,
  setSource,
  writeAddress,
  writeContact,
} from '../infra/coordinates-repo';
import { requirePerson } from './person-gate';

type Exec = Parameters<typeof readHouseholdCoordinates>[0];

/** The postal name of a commune: "Marseille 3e Arrondissement" → "MARSEILLE". */
export function postalName(name: string): string {
  return name.replace(/\s+\d+(er|e) Arrondissement$/i, '').toLocaleUpperCase('fr-FR');
}

export function contactOf(c: HouseholdCoordinates, kind: 'phone' | 'email') {
  return c.contacts.find((x) => x.kind === kind) ?? null;
}

/** The stored value of a group, as the flux and the conflicts compare it. */
export function groupValue(c: HouseholdCoordinates, field: CoordinateField): ContactValue | AddressValue {
  if (field === 'address') return c.address;
  const row = contactOf(c, field);
  return { value: row?.value ?? null, consent: row?.consent ?? null };
}

const empty: Coordinates = {
  householdId: null,
  version: 0,
  phone: null,
  email: null,
  address: {
    streetNumber: null,
    street: null,
    complement: null,
    locality: null,
    communeCode: null,
    postalCode: null,
    communeName: null,
    provenance: { source: 'flux', factOn: null, authorName: null },
  },
  conflicts: [],
  rectifications: [],
};

/** The coordinates of a household as the file shows them. */
export async function coordinatesView(exec: Exec, departmentCode: string, householdId: string | null) {
  if (!householdId) return empty;
  const c = await readHouseholdCoordinates(exec, departmentCode, householdId);
  if (!c) return empty;
  const log = await readCoordinateLog(exec, householdId);
  const provenance = (field: CoordinateField, fallback: { source: string; at: Date | null }) => {
    const s = c.sources.find((x) => x.field === field);
    return s
      ? { source: s.source, factOn: s.fact_on, authorName: s.author_name }
      : {
          source: fallback.source,
          factOn: fallback.at ? new Date(fallback.at).toISOString().slice(0, 10) : null,
          authorName: null,
        };
  };
  const contact = (kind: 'phone' | 'email') => {
    const row = contactOf(c, kind);
    return row
      ? {
          value: row.value,
          consent: row.consent,
          consentOn: row.consent_on,
          consentSource: row.consent_source,
          provenance: provenance(kind, { source: row.source, at: row.updated_at }),
        }
      : null;
  };
  const a = c.address;
  return {
    householdId,
    version: c.household.version,
    phone: contact('phone'),
    email: contact('email'),
    address: {
      streetNumber: a.streetNumber,
      street: streetLine(a),
      complement: a.complement,
      locality: a.locality,
      communeCode: a.communeCode,
      postalCode: a.postalCode,
      communeName: a.communeName,
      provenance: provenance('address', { source: 'flux', at: null }),
    },
    conflicts: log.conflicts.map((x) => ({
      id: x.id,
      field: x.field as CoordinateField,
      outcome: x.outcome as 'kept' | 'replaced',
      fluxOn: x.flux_on,
      fluxValue: String((x.flux_value as { text?: string }).text ?? ''),
      enteredValue: String((x.entered_value as { text?: string }).text ?? ''),
      enteredOn: x.entered_on,
      enteredBy: x.entered_by,
      version: x.version,
    })),
    rectifications: log.rectifications.map((r) => ({
      id: r.id,
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
      source: r.source,
      authorName: r.author_name,
      at: new Date(r.recorded_at).toISOString(),
    })),
  } satisfies Coordinates;
}

/** GET: a reading of the person's data, audited like the file. */
export async function getCoordinates(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<Coordinates> {
  const person = await requirePerson(ctx, actor, personId, request, 'read');
  await ctx.audit.personRead(actor, personId, request);
  return coordinatesView(ctx.db, actor.departmentCode, person.householdId);
}

/** The address the form sent, in the CAF's columns; the street kept as it was when unchanged. */
async function addressFrom(
  exec: Exec,
  departmentCode: string,
  input: CoordinatesUpdate['address'],
  before: AddressValue,
): Promise<AddressValue> {
  if (!input.communeCode)
    return {
      streetNumber: null,
      streetType: null,
      streetName: null,
      complement: null,
      locality: null,
      communeCode: null,
      postalCode: null,
      communeName: null,
    };
  const commune = await findCommune(exec, departmentCode, input.communeCode);
  if (!commune) throw invalid('address.communeCode', 'Commune inconnue : choisissez-la dans la liste.');
  if (!commune.postal_codes.includes(input.postalCode ?? ''))
    throw invalid('address.communeCode', 'Ce code postal n’est pas celui de la commune choisie.');
  const sameStreet = (input.street ?? '').toUpperCase() === (streetLine(before) ?? '').toUpperCase();
  return {
    streetNumber: input.streetNumber,
    streetType: sameStreet ? before.streetType : null,
    streetName: sameStreet ? before.streetName : input.street,
    complement: input.complement,
    locality: input.locality,
    communeCode: commune.insee_code,
    postalCode: input.postalCode,
    // The CAF's own spelling is kept while the commune does not change.
    communeName:
      before.communeCode === commune.insee_code && before.communeName
        ? before.communeName
        : postalName(commune.name),
  };
}

/**
 * PUT: the agent corrects the coordinates. Each changed field is a rectification (author, date,
 * source), the group is marked as entered on the file (a later, older flux will not overwrite it),
 * audited and on the timeline, in one transaction.
 */
export async function updateCoordinates(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: CoordinatesUpdate,
  request: RequestInfo,
): Promise<Coordinates> {
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  const householdId = person.householdId;
  if (!householdId)
    throw unprocessable(
      'Cette personne n’est rattachée à aucun foyer : ses coordonnées ne peuvent pas être saisies.',
    );
  const today = parisToday();
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    if (!(await lockHousehold(trx, actor.departmentCode, householdId, input.version)))
      throw versionConflict();
    const before = (await readHouseholdCoordinates(trx, actor.departmentCode, householdId))!;
    const changed: ChangedField[] = [];
    const groups: CoordinateField[] = [];
    for (const kind of ['phone', 'email'] as const) {
      const row = contactOf(before, kind);
      const value = kind === 'phone' ? input.phone : input.email;
      const consent = kind === 'phone' ? input.smsConsent : input.emailConsent;
      const consentOn = kind === 'phone' ? input.smsConsentOn : input.emailConsentOn;
      const next = {
        value,
        consent: value ? consent : null,
        consentOn: value && consent !== 'I' ? consentOn : null,
      };
      const diff = contactChanges(
        kind,
        { value: row?.value ?? null, consent: row?.consent ?? null, consentOn: row?.consent_on ?? null },
        next,
      );
      if (diff.length === 0) continue;
      changed.push(...diff);
      groups.push(kind);
      const consentChanged = diff.some((d) => d.field !== kind);
      await writeContact(
        trx,
        actor.departmentCode,
        householdId,
        kind,
        {
          ...next,
          consentSource: consentChanged ? input.source : (row?.consent_source ?? null),
        },
        input.source,
      );
    }
    const address = await addressFrom(trx, actor.departmentCode, input.address, before.address);
    const addressDiff = addressChanges(before.address, address);
    if (addressDiff.length) {
      changed.push(...addressDiff);
      groups.push('address');
      await writeAddress(trx, householdId, address);
    }
    if (changed.length === 0) return;
    for (const field of groups) {
      const known = before.sources.find((s) => s.field === field);
      await setSource(trx, {
        departmentCode: actor.departmentCode,
        householdId,
        field,
        source: input.source,
        factOn: today,
        accountId: actor.accountId,
        // What the CAF said of it: the value replaced, unless it had been entered on the file already.
        cafValue: known
          ? ((known.caf_value as ContactValue | AddressValue | null) ?? null)
          : groupValue(before, field),
      });
    }
    await bumpHousehold(trx, householdId, addressDiff.length > 0);
    await insertRectifications(
      trx,
      changed.map((c) => ({
        department_code: actor.departmentCode,
        household_id: householdId,
        person_id: personId,
        field: c.field,
        old_value: c.old,
        new_value: c.new,
        source: input.source,
        account_id: actor.accountId,
        flux_run_id: null,
      })),
    );
    const fields = changed.map((c) => c.field);
    await audit({
      action: 'person.coordinates_rectified',
      personId,
      targetType: 'household',
      targetId: householdId,
      details: { fields, source: input.source },
    });
    await timeline(beneficiaryEvents, {
      personId,
      occurredOn: today,
      type: 'coordinates_rectified',
      data: { fields, source: input.source },
    });
  });
  return coordinatesView(ctx.db, actor.departmentCode, householdId);
}
