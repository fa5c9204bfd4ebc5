import {
  acceptedMessageSchema,
  accountCreateSchema,
  accountListQuerySchema,
  accountListSchema,
  accountSchema,
  accountUpdateSchema,
  auditFilterSchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerifyResultSchema,
  jobIdParams,
  jobListQuerySchema,
  jobListSchema,
  jobSchema,
  personAuditQuerySchema,
} from '../admin';
import {
  authConfigSchema,
  loginRequestSchema,
  passwordChangeSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  sessionResponseSchema,
} from '../auth';
import { binary, defineRoute, empty } from '../route';
import { idParams } from '../scalars';
import { publicRoutePaths } from './public-paths';

const self = { permission: 'session.self' } as const;
const manageAccounts = { permission: 'accounts.manage' } as const;
const auditRead = { permission: 'audit.read' } as const;
const manageJobs = { permission: 'jobs.manage' } as const;
const auth = ['auth'];
const admin = ['admin'];

/** Access: sign-in and sessions, accounts, audit trail, background jobs. */
export const accessApi = {
  authConfig: defineRoute({
    ...publicRoutePaths.authConfig,
    access: { public: 'la page de connexion doit savoir quels moyens proposer' },
    tags: auth,
    responses: { 200: authConfigSchema },
  }),
  session: defineRoute({
    ...publicRoutePaths.session,
    access: self,
    tags: auth,
    responses: { 200: sessionResponseSchema },
  }),
  login: defineRoute({
    ...publicRoutePaths.login,
    access: { public: 'connexion' },
    tags: auth,
    body: loginRequestSchema,
    responses: { 200: sessionResponseSchema },
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    access: self,
    tags: auth,
    responses: { 204: empty },
  }),
  logoutAll: defineRoute({
    method: 'POST',
    path: '/api/auth/logout-all',
    access: self,
    tags: auth,
    responses: { 204: empty },
  }),
  requestPasswordReset: defineRoute({
    ...publicRoutePaths.requestPasswordReset,
    access: { public: 'mot de passe oublié' },
    tags: auth,
    body: passwordResetRequestSchema,
    responses: { 202: acceptedMessageSchema },
  }),
  confirmPasswordReset: defineRoute({
    ...publicRoutePaths.confirmPasswordReset,
    access: { public: 'lien de réinitialisation reçu par e-mail' },
    tags: auth,
    body: passwordResetConfirmSchema,
    responses: { 204: empty },
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/api/auth/password/change',
    access: self,
    tags: auth,
    body: passwordChangeSchema,
    responses: { 204: empty },
  }),
  /** Redirects to the identity provider (or back to the login page on failure). */
  oidcLogin: defineRoute({
    ...publicRoutePaths.oidcLogin,
    access: { public: 'début de la connexion OpenID Connect' },
    tags: auth,
    responses: { 302: empty },
  }),
  /** The provider's redirect back; its query (code, state…) is read as the provider sends it. */
  oidcCallback: defineRoute({
    method: 'GET',
    path: '/api/auth/oidc/callback',
    access: { public: 'retour du fournisseur OpenID Connect' },
    tags: auth,
    responses: { 302: empty },
  }),

  listAccounts: defineRoute({
    method: 'GET',
    path: '/api/admin/accounts',
    access: manageAccounts,
    tags: admin,
    query: accountListQuerySchema,
    responses: { 200: accountListSchema },
  }),
  getAccount: defineRoute({
    method: 'GET',
    path: '/api/admin/accounts/:id',
    access: manageAccounts,
    tags: admin,
    params: idParams,
    responses: { 200: accountSchema },
  }),
  createAccount: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts',
    access: manageAccounts,
    tags: admin,
    body: accountCreateSchema,
    responses: { 201: accountSchema },
  }),
  updateAccount: defineRoute({
    method: 'PUT',
    path: '/api/admin/accounts/:id',
    access: manageAccounts,
    tags: admin,
    params: idParams,
    body: accountUpdateSchema,
    responses: { 200: accountSchema },
  }),
  unlockAccount: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts/:id/unlock',
    access: manageAccounts,
    tags: admin,
    params: idParams,
    responses: { 200: accountSchema },
  }),
  revokeAccountSessions: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts/:id/revoke-sessions',
    access: manageAccounts,
    tags: admin,
    params: idParams,
    responses: { 204: empty },
  }),
  sendAccountReset: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts/:id/send-reset',
    access: manageAccounts,
    tags: admin,
    params: idParams,
    responses: { 202: acceptedMessageSchema },
  }),

  listAudit: defineRoute({
    method: 'GET',
    path: '/api/admin/audit',
    access: auditRead,
    tags: admin,
    query: auditQuerySchema,
    responses: { 200: auditPageSchema },
  }),
  /** The filtered journal as a CSV file (UTF-8 with BOM, `;`); the export is itself traced. */
  exportAudit: defineRoute({
    method: 'GET',
    path: '/api/admin/audit/export.csv',
    access: auditRead,
    tags: admin,
    query: auditFilterSchema,
    responses: { 200: binary('text/csv; charset=utf-8') },
  }),
  /** « Qui a consulté ce dossier » from the person's file: through the person gate, itself traced. */
  personAudit: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/access-journal',
    access: { ...auditRead, scope: 'person' },
    tags: admin,
    params: idParams,
    query: personAuditQuerySchema,
    responses: { 200: auditPageSchema },
  }),
  verifyAudit: defineRoute({
    method: 'POST',
    path: '/api/admin/audit/verify',
    access: auditRead,
    tags: admin,
    responses: { 200: auditVerifyResultSchema },
  }),

  listJobs: defineRoute({
    method: 'GET',
    path: '/api/admin/jobs',
    access: manageJobs,
    tags: admin,
    query: jobListQuerySchema,
    responses: { 200: jobListSchema },
  }),
  retryJob: defineRoute({
    method: 'POST',
    path: '/api/admin/jobs/:id/retry',
    access: manageJobs,
    tags: admin,
    params: jobIdParams,
    responses: { 200: jobSchema },
  }),
};
