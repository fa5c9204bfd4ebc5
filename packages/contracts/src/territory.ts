import { z } from 'zod';
import { openingHoursSchema } from './opening-hours';
import { rowVersion } from './scalars';

export const structureKinds = [
  'mds',
  'ccas',
  'lieu_accueil',
  'plie',
  'mission_locale',
  'france_travail',
  'cap_emploi',
  'operator',
  'medical_team',
  'insertion_hub_office',
] as const;
export const structureKindSchema = z.enum(structureKinds);
export type StructureKind = z.infer<typeof structureKindSchema>;
export const structureKindLabels: Record<StructureKind, string> = {
  mds: 'Maison départementale de la solidarité (MDS)',
  ccas: "Centre communal d'action sociale (CCAS)",
  lieu_accueil: "Lieu d'accueil associatif",
  plie: "Plan local pour l'insertion et l'emploi (PLIE)",
  mission_locale: 'Mission locale',
  france_travail: 'Agence France Travail',
  cap_emploi: 'Cap emploi',
  operator: "Opérateur d'actions d'insertion",
  medical_team: 'Équipe médicale',
  insertion_hub_office: "Pôle d'insertion (services)",
};

export const hubSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  communeCount: z.number().int(),
  version: z.number().int(),
});
export type Hub = z.infer<typeof hubSchema>;

export const communeSchema = z.object({
  inseeCode: z.string(),
  name: z.string(),
  postalCodes: z.array(z.string()),
  hubId: z.uuid().nullable(),
  hubName: z.string().nullable(),
});
export type Commune = z.infer<typeof communeSchema>;

export const communeListQuerySchema = z.object({
  hubId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  unassigned: z.enum(['true', 'false']).optional(),
});

export const assignCommuneSchema = z.object({ hubId: z.uuid() });

/** What moving a commune to another pôle would move with it: counts only, no person's data. */
export const communeMovePreviewSchema = z.object({
  inseeCode: z.string(),
  communeName: z.string(),
  fromHubName: z.string().nullable(),
  toHubName: z.string(),
  /** Households whose address is in the commune: they follow it to the new pôle. */
  householdCount: z.number().int(),
  /** Persons of those households: the new pôle's agents will see them, the former pôle's will not. */
  personCount: z.number().int(),
});
export type CommuneMovePreview = z.infer<typeof communeMovePreviewSchema>;

export const hubUpdateSchema = z.object({
  name: z.string().trim().min(2, { message: 'Le nom doit contenir au moins 2 caractères.' }).max(120),
  version: rowVersion,
});

export const structureSchema = z.object({
  id: z.uuid(),
  kind: structureKindSchema,
  name: z.string(),
  hubId: z.uuid().nullable(),
  hubName: z.string().nullable(),
  communeCode: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  /** Null: the default opening hours (DEFAULT_OPENING_HOURS). */
  openingHours: openingHoursSchema.nullable(),
  agentCount: z.number().int(),
  version: z.number().int(),
});
export type Structure = z.infer<typeof structureSchema>;

export const structureInputSchema = z.object({
  kind: structureKindSchema,
  name: z.string().trim().min(2, { message: 'Le nom doit contenir au moins 2 caractères.' }).max(200),
  hubId: z.uuid({ message: "Pôle d'insertion invalide." }).nullable(),
  communeCode: z
    .string()
    .regex(/^[0-9][0-9AB][0-9]{3}$/, { message: 'Code INSEE invalide (5 caractères).' })
    .nullable(),
  address: z.string().trim().max(300).nullable(),
  email: z.email({ message: 'Adresse e-mail invalide.' }).nullable(),
  phone: z
    .string()
    .regex(/^(\+33|0)[1-9](\s?\d{2}){4}$/, { message: 'Numéro de téléphone invalide.' })
    .nullable(),
  active: z.boolean(),
  /** Opening hours that bound the slots of its agendas; null or absent: the default hours. */
  openingHours: openingHoursSchema.nullable().optional(),
});
export type StructureInput = z.infer<typeof structureInputSchema>;
export const structureUpdateSchema = structureInputSchema.extend({ version: rowVersion });
