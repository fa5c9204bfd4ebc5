import { z } from 'zod';

/** Roles of SPEC.md §10. Codes are stable; labels are for the French UI. */
export const roles = [
  'administrator',
  'orientation_advisor',
  'referent',
  'structure_manager',
  'operator',
  'ep_secretariat',
  'medical_team',
  'aids_manager',
  'steering',
  'beneficiary',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  administrator: 'Administrateur',
  orientation_advisor: "Conseiller en orientation (pôle d'insertion)",
  referent: 'Référent unique (structure)',
  structure_manager: 'Responsable de structure référente',
  operator: "Opérateur d'actions d'insertion",
  ep_secretariat: "Secrétariat de l'équipe pluridisciplinaire",
  medical_team: 'Équipe médicale',
  aids_manager: 'Gestionnaire des aides individuelles',
  steering: 'Pilotage',
  beneficiary: 'Bénéficiaire',
};

/** Which scope each role is bound to: a pôle, a structure, the person itself, or the whole département. */
export type ScopeKind = 'hub' | 'structure' | 'person' | 'department';
export const roleScopeKind: Record<Role, ScopeKind> = {
  administrator: 'department',
  orientation_advisor: 'hub',
  referent: 'structure',
  structure_manager: 'structure',
  operator: 'structure',
  ep_secretariat: 'hub',
  medical_team: 'hub',
  aids_manager: 'department',
  steering: 'department',
  beneficiary: 'person',
};

/**
 * Permissions are what routes ask for; roles grant them. New capabilities add permissions here,
 * so the route table and the UI navigation read the same source.
 */
export const permissions = [
  'session.self',
  'territory.read',
  'territory.manage',
  'accounts.manage',
  'audit.read',
  'jobs.manage',
  'reference.read',
  'person.search',
  'person.read',
  'person.nir',
  /** Correct a person's phone, e-mail, address and consents (rectification, issue 10). */
  'person.contact.write',
  'flux.import',
  'history.import',
  'ft.manage',
  'duplicates.review',
  'orientation.queue',
  'orientation.decide',
  'agenda.read',
  'agenda.manage',
  'convocation.send',
  'diagnosis.read',
  'diagnosis.write',
  'medical.refer',
  'medical.read',
  'medical.write',
  'templates.manage',
  'rules.manage',
  /** Issue 11: name the référent unique of the persons oriented to a structure (assignment inbox). */
  'assignment.manage',
  /** A référent's portfolio; a structure manager's is the structure's. */
  'portfolio.read',
  'contract.read',
  'contract.write',
  /** Accompaniment alerts (derived from dated facts) and their daily digest. */
  'alerts.read',
  'documents.read',
  'documents.write',
  /** The beneficiary's own space (issue 11, point 7). */
  'beneficiary.space',
  /** Issue 12 — the insertion offer. Read the catalogue, its sessions and free places. */
  'offer.read',
  /** Edit the catalogue: actions, sessions, operators, territories; import the annex. */
  'offer.manage',
  /** Budgets of the offer, the annex's inconsistencies and its export (steering). */
  'offer.budget',
  /** Refer a person to an action (fiche de liaison) and follow the person's referrals. */
  'referral.write',
  'referral.read',
  /** An operator answers the referrals to its own actions (operator portal). */
  'referral.operate',
  /** PMSMP immersions of a person. */
  'immersion.read',
  'immersion.write',
  /** Individual aids: request within a contract; read; validate, pay and manage envelopes. */
  'aid.request',
  'aid.read',
  'aid.manage',
  /** Issue 13 — steering. The Plan Pauvreté indicators (counts only). */
  'indicators.read',
  /** The persons behind an indicator's figure (drill-down): roles that may see persons, in their scope. */
  'indicators.persons',
  /** Edit the convention's indicator table (hand-entered values, objectives, comments). */
  'convention.manage',
  /** Statistics and dashboards without directly identifying data: DREES tables, charts, exports. */
  'statistics.read',
  /** Issue 14 — duties and sanctions. Read the failures queue and a person's failures and cases. */
  'sanction.read',
  /** Report a failure (obligations not met, refusal of the contract) or record a detected one. */
  'sanction.report',
  /** Lead the contradictory procedure: open a case, notice, observations, decision, notification, end. */
  'sanction.manage',
  /** The département's daily file of decisions to the CAF and its acknowledgements (département-wide). */
  'caf.transmit',
  /** Issue 14 — the SAS de rétablissement (action 3-9): read its sessions and a person's enrolments. */
  'sas.read',
  /** Run it: sessions and their meetings, requests, enrolments, attendance, commitment. */
  'sas.manage',
  /** Issue 14 — the EP sessions of a pôle (équipe pluridisciplinaire): read them, their agenda and minutes. */
  'ep.read',
  /** Plan the sessions, their members and agenda, record the opinions and the minutes. */
  'ep.manage',
] as const;
export const permissionSchema = z.enum(permissions);
export type Permission = z.infer<typeof permissionSchema>;

const agentBase: Permission[] = ['session.self', 'territory.read', 'reference.read', 'offer.read'];
/** Agents who follow persons; which persons is their scope (pôle, structure…), checked per record. */
const personsAgent: Permission[] = [...agentBase, 'person.search', 'person.read'];
export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: [
    ...personsAgent,
    'person.nir',
    'person.contact.write',
    'territory.manage',
    'accounts.manage',
    'audit.read',
    'jobs.manage',
    'flux.import',
    'history.import',
    'ft.manage',
    'duplicates.review',
    'orientation.queue',
    'agenda.read',
    'diagnosis.read',
    'templates.manage',
    'rules.manage',
    'assignment.manage',
    'portfolio.read',
    'contract.read',
    'alerts.read',
    'documents.read',
    'documents.write',
    'offer.manage',
    'offer.budget',
    'referral.read',
    'immersion.read',
    'aid.read',
    'indicators.read',
    'indicators.persons',
    'convention.manage',
    'statistics.read',
    'sanction.read',
    'sanction.report',
    'sanction.manage',
    'caf.transmit',
    'sas.read',
    'sas.manage',
    'ep.read',
    'ep.manage',
  ],
  orientation_advisor: [
    ...personsAgent,
    'person.nir',
    'person.contact.write',
    'duplicates.review',
    'orientation.queue',
    'orientation.decide',
    'agenda.read',
    'agenda.manage',
    'convocation.send',
    'diagnosis.read',
    'diagnosis.write',
    'medical.refer',
    'contract.read',
    'documents.read',
    'documents.write',
    'referral.write',
    'referral.read',
    'immersion.read',
    'sas.read',
    'sas.manage',
  ],
  referent: [
    ...personsAgent,
    'person.contact.write',
    'agenda.read',
    'agenda.manage',
    'diagnosis.read',
    'diagnosis.write',
    'portfolio.read',
    'contract.read',
    'contract.write',
    'alerts.read',
    'documents.read',
    'documents.write',
    'referral.write',
    'referral.read',
    'immersion.read',
    'immersion.write',
    'aid.request',
    'aid.read',
    'sanction.read',
    'sanction.report',
    'sas.read',
    'sas.manage',
  ],
  // The manager of a référent structure: a référent who also assigns and sees the structure's portfolio.
  structure_manager: [
    ...personsAgent,
    'person.contact.write',
    'agenda.read',
    'agenda.manage',
    'diagnosis.read',
    'diagnosis.write',
    'assignment.manage',
    'portfolio.read',
    'contract.read',
    'contract.write',
    'alerts.read',
    'documents.read',
    'documents.write',
    'referral.write',
    'referral.read',
    'immersion.read',
    'immersion.write',
    'aid.request',
    'aid.read',
    'sanction.read',
    'sanction.report',
    'sanction.manage',
    'sas.read',
    'sas.manage',
  ],
  // An operator sees only the persons referred to its actions, through the referrals (minimum data),
  // never a person's file nor the search.
  operator: [...agentBase, 'referral.operate'],
  // The EP secretariat leads the contradictory procedure of its pôle's persons (SPEC §8).
  ep_secretariat: [
    ...personsAgent,
    'diagnosis.read',
    'contract.read',
    'documents.read',
    'sanction.read',
    'sanction.report',
    'sanction.manage',
    'sas.read',
    'sas.manage',
    'ep.read',
    'ep.manage',
  ],
  // Health data (the medical team's diagnosis and notes) is readable by this role only.
  medical_team: [...personsAgent, 'diagnosis.read', 'medical.read', 'medical.write'],
  aids_manager: [...personsAgent, 'aid.read', 'aid.manage', 'contract.read'],
  // Steering sees aggregates only, never a person's file.
  steering: [...agentBase, 'offer.budget', 'indicators.read', 'convention.manage', 'statistics.read'],
  // The beneficiary reads their own file (scope: the person).
  beneficiary: ['session.self', 'person.read', 'beneficiary.space', 'contract.read', 'documents.read'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
