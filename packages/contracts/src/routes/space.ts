import { sessionResponseSchema } from '../auth';
import {
  appointmentNoticeAnswerSchema,
  appointmentNoticeSchema,
  openSpaceAnswerSchema,
  openSpaceSchema,
  personAppointmentNoticesSchema,
  signatureCodeAnswerSchema,
  signatureCodeRequestSchema,
  spaceCodeConfirmSchema,
  spaceCodeRequestSchema,
  spaceLinkConfirmSchema,
  spaceLinkRequestSchema,
  spaceOverviewSchema,
  spaceRequestAnswerSchema,
} from '../beneficiary-space';
import { defineRoute } from '../route';
import { idParams } from '../scalars';
import { publicSpaceRoutePaths } from './public-paths';

const space = { permission: 'beneficiary.space' } as const;
const tags = ['space'];

/**
 * The beneficiary's space: passwordless sign-in (public), the person's own overview, a notice on
 * an appointment, the signature code. The contract and documents are read through their own routes
 * (`api.contracts`, `api.documents`), scoped to the person; signing is `api.contracts.signInSpace`.
 */
export const spaceApi = {
  requestLink: defineRoute({
    ...publicSpaceRoutePaths.requestLink,
    access: { public: 'espace bénéficiaire : demande d’un lien de connexion par e-mail' },
    tags,
    body: spaceLinkRequestSchema,
    responses: { 202: spaceRequestAnswerSchema },
  }),
  signInWithLink: defineRoute({
    ...publicSpaceRoutePaths.signInWithLink,
    access: { public: 'espace bénéficiaire : lien de connexion reçu par e-mail' },
    tags,
    body: spaceLinkConfirmSchema,
    responses: { 200: sessionResponseSchema },
  }),
  requestCode: defineRoute({
    ...publicSpaceRoutePaths.requestCode,
    access: { public: 'espace bénéficiaire : demande d’un code de connexion par SMS' },
    tags,
    body: spaceCodeRequestSchema,
    responses: { 202: spaceRequestAnswerSchema },
  }),
  signInWithCode: defineRoute({
    ...publicSpaceRoutePaths.signInWithCode,
    access: { public: 'espace bénéficiaire : code de connexion reçu par SMS' },
    tags,
    body: spaceCodeConfirmSchema,
    responses: { 200: sessionResponseSchema },
  }),
  overview: defineRoute({
    method: 'GET',
    path: '/api/space/overview',
    access: space,
    tags,
    responses: { 200: spaceOverviewSchema },
  }),
  /** "Je ne pourrai pas venir": the reason is recorded and the référent told; the agent reschedules. */
  reportAbsence: defineRoute({
    method: 'POST',
    path: '/api/space/appointments/:id/notice',
    access: space,
    tags,
    params: idParams,
    body: appointmentNoticeSchema,
    responses: { 201: appointmentNoticeAnswerSchema },
  }),
  /** What the person said from their space about appointments, for the agents of their file. */
  noticesOfPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/appointment-notices',
    access: { permission: 'person.read', scope: 'person' },
    tags,
    params: idParams,
    responses: { 200: personAppointmentNoticesSchema },
  }),
  /**
   * An agent opens (or reopens) the person's space: creates the beneficiary account when there is
   * none and e-mails a sign-in link. Idempotent.
   */
  openForPerson: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/space',
    access: { permission: 'person.contact.write', scope: 'person' },
    tags,
    params: idParams,
    body: openSpaceSchema,
    responses: { 200: openSpaceAnswerSchema },
  }),
  /** A fresh one-time code to sign a contract (re-authentication), by SMS or e-mail. */
  requestSignatureCode: defineRoute({
    method: 'POST',
    path: '/api/space/signature-code',
    access: space,
    tags,
    body: signatureCodeRequestSchema,
    responses: { 202: signatureCodeAnswerSchema },
  }),
};
