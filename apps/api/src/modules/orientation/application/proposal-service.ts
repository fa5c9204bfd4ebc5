import {
  type Diagnosis,
  type OrientationPathway,
  type OrientationProposal,
  pathwayBodyKinds,
  type StructureChoice,
  type StructureKind,
  structureKindLabels,
} from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { proposeOrientation } from '../domain/proposal';
import type { HouseholdComposition } from './person-context';

/** Kinds whose structure is the person's pôle's own (seed 000: MDS, lieux d'accueil; the pôle's medical team). */
const HUB_BOUND_KINDS: ReadonlySet<string> = new Set(['mds', 'lieu_accueil', 'medical_team']);
const ORIENTATION_KINDS = [...new Set(Object.values(pathwayBodyKinds).flat())];

/** Active structures that may accompany an orientation, the person's pôle's first. */
export async function structureChoices(
  db: Kysely<Database>,
  departmentCode: string,
  hubId: string | null,
): Promise<StructureChoice[]> {
  const rows = await db
    .selectFrom('structure as s')
    .leftJoin('insertion_hub as h', 'h.id', 's.hub_id')
    .select(['s.id', 's.name', 's.kind', 's.hub_id', 'h.name as hub_name'])
    .where('s.department_code', '=', departmentCode)
    .where('s.active', '=', true)
    .where('s.kind', 'in', ORIENTATION_KINDS)
    .orderBy('s.name')
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as StructureKind,
      hubName: r.hub_name,
      samePole: hubId !== null && r.hub_id === hubId,
    }))
    .sort((a, b) => Number(b.samePole) - Number(a.samePole));
}

/**
 * The structure of the proposed kind: the pôle's own for MDS, lieux d'accueil and the medical
 * team; otherwise the kind in the département, the pôle's first. Alternatives: the other
 * structures of that kind, then those of the other kinds of the pathway.
 */
export function resolveBody(
  choices: readonly StructureChoice[],
  pathway: OrientationPathway,
  bodyKind: StructureKind,
): { structure: StructureChoice | null; alternatives: StructureChoice[] } {
  const ofKind = choices.filter((c) => c.kind === bodyKind);
  const samePole = ofKind.filter((c) => c.samePole);
  const candidates = HUB_BOUND_KINDS.has(bodyKind) && samePole.length ? samePole : ofKind;
  const structure = candidates[0] ?? null;
  const others = choices.filter(
    (c) => c.kind !== bodyKind && (pathwayBodyKinds[pathway] as readonly string[]).includes(c.kind),
  );
  const sameKindRest = ofKind.filter((c) => c.id !== structure?.id);
  return { structure, alternatives: [...sameKindRest, ...others] };
}

/** The system's proposal for a person at a date, from the household and a diagnosis (or none). */
export async function buildProposal(
  db: Kysely<Database>,
  departmentCode: string,
  person: { birthDate: string; hubId: string | null },
  household: HouseholdComposition,
  diagnosis: Diagnosis | null,
  onDate: string,
  choices?: readonly StructureChoice[],
): Promise<OrientationProposal> {
  const themeLabels = Object.fromEntries((diagnosis?.obstacles ?? []).map((o) => [o.themeId, o.themeLabel]));
  const p = proposeOrientation({
    onDate,
    birthDate: person.birthDate,
    household: { couple: household.couple, childrenBirthDates: household.children.map((c) => c.birthDate) },
    diagnosis: diagnosis
      ? { employmentSituation: diagnosis.employmentSituation, obstacles: diagnosis.obstacles }
      : null,
    themeLabels,
  });
  const list = choices ?? (await structureChoices(db, departmentCode, person.hubId));
  const { structure, alternatives } = resolveBody(list, p.pathway, p.bodyKind);
  const reasons = [...p.reasons];
  if (!structure) {
    reasons.push(
      `Aucune structure de type « ${structureKindLabels[p.bodyKind]} » n’est enregistrée : choisissez une autre structure.`,
    );
  } else if (HUB_BOUND_KINDS.has(p.bodyKind) && !structure.samePole) {
    reasons.push(
      `Le pôle de la personne n’a pas de structure de type « ${structureKindLabels[p.bodyKind]} » : une structure d’un autre pôle est proposée.`,
    );
  }
  return {
    pathway: p.pathway,
    bodyKind: p.bodyKind,
    rule: p.rule,
    reasons,
    diagnosisId: diagnosis?.id ?? null,
    structure,
    alternatives,
  };
}
