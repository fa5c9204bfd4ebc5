import type {
  AppointmentLine,
  BodyLine,
  ContractLine,
  HubLine,
  Numbered,
  OrientationLine,
  PersonLine,
  ReferentAssignmentLine,
  ReferentLine,
  RightsLine,
} from './lines';

/** The syntactically valid lines of a file, per kind, in file order (pass 1). */
export interface Collected {
  hub: Numbered<HubLine>[];
  body: Numbered<BodyLine>[];
  referent: Numbered<ReferentLine>[];
  person: Numbered<PersonLine>[];
  rights: Numbered<RightsLine>[];
  orientation: Numbered<OrientationLine>[];
  referentAssignment: Numbered<ReferentAssignmentLine>[];
  appointment: Numbered<AppointmentLine>[];
  contract: Numbered<ContractLine>[];
  /** Ids of `person` lines rejected by pass 1 → their line: facts about them are rejected too. */
  rejectedPersons: Map<string, number>;
}

export const emptyCollected = (): Collected => ({
  hub: [],
  body: [],
  referent: [],
  person: [],
  rights: [],
  orientation: [],
  referentAssignment: [],
  appointment: [],
  contract: [],
  rejectedPersons: new Map(),
});

/** What to write, every reference checked. Lines that failed are gone from it. */
export interface Plan {
  hubs: Numbered<HubLine>[];
  bodies: Numbered<BodyLine>[];
  /** Structures created by hand (no external id) that a body line names exactly: they get its id. */
  adoptedStructures: { id: string; externalId: string }[];
  referents: Numbered<ReferentLine>[];
  persons: Numbered<PersonLine>[];
  /** Persons known only by their NIR (e.g. from a CAF flux): they get the file's id. */
  adoptedPersons: { id: string; externalId: string }[];
  /** Persons already in the database, by external id (after adoption). */
  existingPersons: Map<string, string>;
  /** Every person the file speaks about: their history rows are replaced by the file's. */
  touchedPersons: Set<string>;
  rightsByPerson: Map<string, Numbered<RightsLine>[]>;
  /** Person (external id) → date their rights from another source begin. */
  otherSourceRights: Map<string, string>;
  orientations: Numbered<OrientationLine>[];
  assignments: Numbered<ReferentAssignmentLine>[];
  appointments: Numbered<AppointmentLine>[];
  contracts: Numbered<ContractLine>[];
  referentNames: Map<string, { name: string; bodyId: string | null; structureId: string | null }>;
}
