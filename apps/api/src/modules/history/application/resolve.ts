import {
  conflictReason,
  describeIdentity,
  type Identity,
  identityDifferences,
  normalizeName,
} from '../domain/identity';
import type {
  BodyLine,
  HistoryKind,
  HubLine,
  Numbered,
  PersonLine,
  ReferentLine,
  RightsLine,
} from '../domain/lines';
import { structureKindOfBodyType } from '../domain/lines';
import type { Collected, Plan } from '../domain/plan';
import {
  type HouseholdAdult,
  kindNameKey,
  type RecordedIdentity,
  type Snapshot,
} from '../infra/history-repo';

/** The look-ups pass 2 needs from the database (batched by the caller's implementation). */
export interface Lookups {
  personsByExternalId(ids: string[]): Promise<Map<string, string>>;
  personsByNir(nirs: string[]): Promise<Map<string, { id: string; externalId: string | null }>>;
  otherSourceRightsStart(personIds: string[]): Promise<Map<string, string>>;
  identitiesOf(personIds: string[]): Promise<Map<string, RecordedIdentity>>;
  openMembersOf(claimNumbers: string[]): Promise<HouseholdAdult[]>;
}

export interface RejectDetail {
  field?: string | null;
  /** The line describes another person than the record it matches. */
  conflict?: boolean;
}
export type Reject = (line: number, kind: HistoryKind, reason: string, more?: RejectDetail) => void;

const identityOfLine = (p: PersonLine): Identity => ({
  nir: p.nir,
  birthName: p.birthName,
  firstName: p.firstName,
  usualName: p.lastName,
  birthDate: p.birthDate,
  sex: p.sex,
});

/**
 * Pass 2: checks every reference, in dependency order (hubs, bodies, referents, persons, then the
 * facts of persons), so a rejected line also rejects the lines that point at it. Lines may come
 * in any order in the file. Duplicates keep the first line in file order.
 */
export async function resolveReferences(
  c: Collected,
  snap: Snapshot,
  lookups: Lookups,
  reject: Reject,
): Promise<Plan> {
  // Hubs: their communes must be communes of the département, each in one hub of the file.
  const hubs = new Map<string, Numbered<HubLine>>();
  const communeHub = new Map<string, string>();
  for (const h of c.hub) {
    const first = hubs.get(h.id);
    if (first) {
      reject(h.line, 'hub', `pôle « ${h.id} » en double (déjà défini ligne ${first.line})`, { field: 'id' });
      continue;
    }
    const unknown = h.communes.filter((code) => !snap.communes.has(code));
    if (unknown.length) {
      reject(
        h.line,
        'hub',
        `commune(s) inconnue(s) dans le département : ${unknown.slice(0, 10).join(', ')}`,
        { field: 'communes' },
      );
      continue;
    }
    const taken = h.communes.find((code) => communeHub.has(code) && communeHub.get(code) !== h.id);
    if (taken) {
      reject(
        h.line,
        'hub',
        `commune ${taken} déjà rattachée au pôle « ${communeHub.get(taken)} » dans ce fichier`,
        { field: 'communes' },
      );
      continue;
    }
    for (const code of h.communes) communeHub.set(code, h.id);
    hubs.set(h.id, h);
  }
  const hubKnown = (code: string) => hubs.has(code) || snap.hubs.has(code);

  // Bodies: hub known; (kind, name) unique in the département as the structure table demands.
  const bodies = new Map<string, Numbered<BodyLine>>();
  const kindNames = new Map<string, string>();
  const adoptedStructures: Plan['adoptedStructures'] = [];
  for (const b of c.body) {
    const first = bodies.get(b.id);
    if (first) {
      reject(b.line, 'body', `structure « ${b.id} » en double (déjà définie ligne ${first.line})`, {
        field: 'id',
      });
      continue;
    }
    if (!hubKnown(b.hub)) {
      reject(b.line, 'body', `pôle inconnu : « ${b.hub} »`, { field: 'hub' });
      continue;
    }
    const key = kindNameKey(structureKindOfBodyType[b.type], b.name);
    const sameInFile = kindNames.get(key);
    if (sameInFile) {
      reject(
        b.line,
        'body',
        `une autre structure du fichier (« ${sameInFile} ») porte déjà ce nom et ce type`,
        { field: 'name' },
      );
      continue;
    }
    const sameInDb = snap.structuresByKindName.get(key);
    if (sameInDb && sameInDb.externalId !== b.id) {
      if (sameInDb.externalId === null && !snap.structuresByExternalId.has(b.id)) {
        adoptedStructures.push({ id: sameInDb.id, externalId: b.id });
      } else {
        reject(b.line, 'body', `une structure de ce type porte déjà le nom « ${b.name} » dans Parcours`, {
          field: 'name',
        });
        continue;
      }
    }
    kindNames.set(key, b.id);
    bodies.set(b.id, b);
  }
  const bodyKnown = (id: string) => bodies.has(id) || snap.structuresByExternalId.has(id);

  const referents = new Map<string, Numbered<ReferentLine>>();
  for (const r of c.referent) {
    const first = referents.get(r.id);
    if (first) {
      reject(r.line, 'referent', `référent « ${r.id} » en double (déjà défini ligne ${first.line})`, {
        field: 'id',
      });
      continue;
    }
    if (!bodyKnown(r.bodyId)) {
      reject(r.line, 'referent', `structure inconnue : « ${r.bodyId} »`, { field: 'bodyId' });
      continue;
    }
    referents.set(r.id, r);
  }
  const referentNames: Plan['referentNames'] = new Map();
  for (const [ext, r] of snap.referentsByExternalId)
    referentNames.set(ext, { name: r.name, bodyId: null, structureId: r.structureId });
  for (const [ext, r] of referents)
    referentNames.set(ext, { name: `${r.firstName} ${r.lastName}`, bodyId: r.bodyId, structureId: null });

  // Persons: commune of the département, NIR unique (in the file and in Parcours).
  const persons = new Map<string, Numbered<PersonLine>>();
  const nirOwner = new Map<string, string>();
  for (const p of c.person) {
    const first = persons.get(p.id);
    if (first) {
      reject(p.line, 'person', `personne « ${p.id} » en double (déjà définie ligne ${first.line})`, {
        field: 'id',
      });
      continue;
    }
    if (!snap.communes.has(p.commune)) {
      reject(p.line, 'person', `commune inconnue dans le département : « ${p.commune} »`, {
        field: 'commune',
      });
      c.rejectedPersons.set(p.id, p.line);
      continue;
    }
    if (p.nir) {
      const other = nirOwner.get(p.nir);
      if (other) {
        reject(p.line, 'person', `NIR déjà porté par la personne « ${other} » de ce fichier`, {
          field: 'nir',
        });
        c.rejectedPersons.set(p.id, p.line);
        continue;
      }
      nirOwner.set(p.nir, p.id);
    }
    persons.set(p.id, p);
  }

  const referencedIds = new Set<string>(persons.keys());
  for (const list of [c.rights, c.orientation, c.referentAssignment, c.appointment, c.contract])
    for (const l of list) referencedIds.add(l.personId);
  const existingPersons = snap.personsWithExternalId
    ? await lookups.personsByExternalId([...referencedIds])
    : new Map<string, string>();

  let adoptedPersons: Plan['adoptedPersons'] = [];
  if (snap.personsWithNir && nirOwner.size) {
    const holders = await lookups.personsByNir([...nirOwner.keys()]);
    for (const [nir, holder] of holders) {
      const ext = nirOwner.get(nir) as string;
      if (holder.externalId === ext) continue;
      const p = persons.get(ext) as Numbered<PersonLine>;
      if (holder.externalId === null && !existingPersons.has(ext)) {
        adoptedPersons.push({ id: holder.id, externalId: ext });
        existingPersons.set(ext, holder.id);
      } else {
        persons.delete(ext);
        reject(p.line, 'person', 'NIR déjà attribué à une autre personne dans Parcours', {
          field: 'nir',
          conflict: true,
        });
        c.rejectedPersons.set(p.id, p.line);
      }
    }
  }

  // A person line matched to a record (by id or NIR) must describe that person: never applied over
  // someone else. The record and its facts stay as they are; the report shows both identities.
  const matched = [...persons.keys()].filter((ext) => existingPersons.has(ext));
  if (matched.length) {
    const recorded = await lookups.identitiesOf(matched.map((ext) => existingPersons.get(ext) as string));
    const conflicting = new Set<string>();
    for (const ext of matched) {
      const p = persons.get(ext) as Numbered<PersonLine>;
      const rec = recorded.get(existingPersons.get(ext) as string);
      if (!rec) continue;
      const line = identityOfLine(p);
      const diff = identityDifferences(rec, line);
      if (diff.length === 0) continue;
      persons.delete(ext);
      existingPersons.delete(ext);
      conflicting.add(ext);
      c.rejectedPersons.set(ext, p.line);
      reject(p.line, 'person', conflictReason(`la personne « ${ext} »`, rec, line, diff), {
        field: diff[0],
        conflict: true,
      });
    }
    if (conflicting.size) adoptedPersons = adoptedPersons.filter((a) => !conflicting.has(a.externalId));
  }

  // Indexed by file number: a re-import of a whole département stays linear.
  const members = new Map<string, HouseholdAdult[]>();
  if (snap.householdsExist && persons.size) {
    const found = await lookups.openMembersOf([
      ...new Set([...persons.values()].map((p) => p.householdNumber)),
    ]);
    for (const m of found) {
      const list = members.get(m.claimNumber) ?? [];
      list.push(m);
      members.set(m.claimNumber, list);
    }
  }
  // A member a CAF flux recorded (no external id yet) is the person a line of the same household and
  // identity describes: the line adopts that record instead of creating a second one.
  const adoptedIds = new Set(adoptedPersons.map((a) => a.id));
  for (const p of persons.values()) {
    if (existingPersons.has(p.id)) continue;
    const line = identityOfLine(p);
    const same = (members.get(p.householdNumber) ?? []).find(
      (m) =>
        m.externalId === null &&
        !adoptedIds.has(m.personId) &&
        normalizeName(m.identity.firstName) === normalizeName(p.firstName) &&
        identityDifferences(m.identity, line).length === 0,
    );
    if (!same) continue;
    adoptedIds.add(same.personId);
    adoptedPersons.push({ id: same.personId, externalId: p.id });
    existingPersons.set(p.id, same.personId);
  }

  // A household has one claimant and one partner at a time: a line that would give it a second
  // one (in this file, or next to the one Parcours holds) is a conflict, never applied.
  const roleLabel: Record<string, string> = { DEM: 'un demandeur', CJT: 'un conjoint' };
  const adultLines = [...persons.values()].filter((p) => p.role === 'DEM' || p.role === 'CJT');
  const seat = new Map<string, Numbered<PersonLine>>();
  for (const p of adultLines) {
    const key = `${p.householdNumber}\u0000${p.role}`;
    const first = seat.get(key);
    const line = identityOfLine(p);
    const taken = first
      ? `le foyer « ${p.householdNumber} » a déjà ${roleLabel[p.role]} dans ce fichier (ligne ${first.line}, « ${first.id} »)`
      : (members.get(p.householdNumber) ?? [])
          .filter((h) => h.role === p.role)
          .filter((h) => h.externalId !== p.id && h.personId !== existingPersons.get(p.id))
          // The one Parcours holds leaves that seat according to this same file: no conflict.
          .filter((h) => {
            const moved = h.externalId ? persons.get(h.externalId) : undefined;
            return !(moved && (moved.householdNumber !== p.householdNumber || moved.role !== p.role));
          })
          .map(
            (h) =>
              `conflit d’identité : le foyer « ${p.householdNumber} » a déjà ${roleLabel[p.role]} dans Parcours, ${describeIdentity(h.identity)} ; la ligne décrit ${describeIdentity(line)}. Un foyer n’a qu’un demandeur et un conjoint : ligne non appliquée.`,
          )[0];
    if (!taken) {
      seat.set(key, p);
      continue;
    }
    persons.delete(p.id);
    existingPersons.delete(p.id);
    adoptedPersons = adoptedPersons.filter((a) => a.externalId !== p.id);
    c.rejectedPersons.set(p.id, p.line);
    reject(p.line, 'person', taken, { field: 'role', conflict: true });
  }
  const personKnown = (id: string) => persons.has(id) || existingPersons.has(id);

  const otherByUuid = existingPersons.size
    ? await lookups.otherSourceRightsStart([...existingPersons.values()])
    : new Map<string, string>();
  const otherSourceRights = new Map<string, string>();
  for (const [ext, uuid] of existingPersons) {
    const from = otherByUuid.get(uuid);
    if (from) otherSourceRights.set(ext, from);
  }

  const touchedPersons = new Set<string>();
  /** Why a fact about this person cannot be written, or null when it can. */
  const personProblem = (id: string): string | null => {
    const rejectedLine = c.rejectedPersons.get(id);
    if (rejectedLine !== undefined && !persons.has(id))
      return `la ligne de cette personne (« ${id} », ligne ${rejectedLine}) est refusée`;
    return personKnown(id) ? null : `personne inconnue : « ${id} »`;
  };
  const keep = (
    l: { line: number; personId: string },
    kind: HistoryKind,
    problem: string | null,
    field: string | null = null,
  ) => {
    const ofPerson = personProblem(l.personId);
    const reason = ofPerson ?? problem;
    if (reason) {
      reject(l.line, kind, reason, { field: ofPerson ? 'personId' : field });
      return false;
    }
    touchedPersons.add(l.personId);
    return true;
  };
  const unknownBody = (id: string) => (bodyKnown(id) ? null : `structure inconnue : « ${id} »`);

  const rightsByPerson = new Map<string, Numbered<RightsLine>[]>();
  for (const r of c.rights) {
    const list = rightsByPerson.get(r.personId) ?? [];
    const other = otherSourceRights.get(r.personId);
    const same = list.find((x) => x.date === r.date);
    const problem =
      other && r.date >= other
        ? `les droits de cette personne sont suivis par le flux CAF depuis le ${other}`
        : same
          ? `deux lignes de droits le même jour pour cette personne (voir ligne ${same.line})`
          : null;
    if (!keep(r, 'rights', problem, 'date')) continue;
    list.push(r);
    rightsByPerson.set(r.personId, list);
  }
  const orientations = c.orientation.filter((o) => keep(o, 'orientation', unknownBody(o.bodyId), 'bodyId'));
  const assignments = c.referentAssignment.filter((a) =>
    keep(
      a,
      'referentAssignment',
      referentNames.has(a.referentId) ? null : `référent inconnu : « ${a.referentId} »`,
      'referentId',
    ),
  );
  const appointments = c.appointment.filter((a) => keep(a, 'appointment', unknownBody(a.bodyId), 'bodyId'));
  const contracts = c.contract.filter((k) => keep(k, 'contract', null));
  for (const id of persons.keys()) touchedPersons.add(id);

  return {
    hubs: [...hubs.values()],
    bodies: [...bodies.values()],
    adoptedStructures,
    referents: [...referents.values()],
    persons: [...persons.values()],
    adoptedPersons,
    existingPersons,
    touchedPersons,
    rightsByPerson,
    otherSourceRights,
    orientations,
    assignments,
    appointments,
    contracts,
    referentNames,
  };
}
