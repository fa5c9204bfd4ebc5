import { z } from 'zod';
import { roleSchema } from './roles';

export const passwordSchema = z
  .string()
  .min(12, { message: 'Le mot de passe doit contenir au moins 12 caractères.' })
  .max(200, { message: 'Le mot de passe est trop long (200 caractères au plus).' });

export const EMAIL_REQUIRED = 'L’adresse e-mail est obligatoire.';
export const EMAIL_INVALID = 'Adresse e-mail invalide.';

/** An e-mail address: missing or blank is "obligatoire" (code too_small), malformed is "invalide". */
export const emailSchema = z
  .string({ error: (issue) => (issue.input === undefined ? EMAIL_REQUIRED : EMAIL_INVALID) })
  .trim()
  .min(1, { message: EMAIL_REQUIRED })
  .toLowerCase()
  .pipe(z.email({ message: EMAIL_INVALID }));

export const loginRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: 'Le mot de passe est obligatoire.' }).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const actorSchema = z.object({
  accountId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  departmentCode: z.string(),
  hubId: z.uuid().nullable(),
  hubName: z.string().nullable(),
  structureId: z.uuid().nullable(),
  structureName: z.string().nullable(),
  personId: z.uuid().nullable(),
  permissions: z.array(z.string()),
});
export type Actor = z.infer<typeof actorSchema>;

export const sessionResponseSchema = z.object({
  actor: actorSchema,
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const authConfigSchema = z.object({
  oidcEnabled: z.boolean(),
  oidcLabel: z.string(),
  departmentName: z.string(),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;

export const passwordResetRequestSchema = z.object({ email: emailSchema });
export const passwordResetConfirmSchema = z.object({
  token: z.string().min(20, { message: 'Lien de réinitialisation invalide.' }).max(200),
  password: passwordSchema,
});
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, { message: 'Le mot de passe actuel est obligatoire.' }).max(200),
  newPassword: passwordSchema,
});
