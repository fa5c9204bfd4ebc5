import {
  contractCreateSchema,
  contractDetailSchema,
  contractDraftUpdateSchema,
  contractVersionParams,
  personContractsSchema,
} from '../engagement-contract';
import {
  contractSignSchema,
  contractSpaceSignSchema,
  contractTransitionSchema,
} from '../engagement-contract-moves';
import { binary, defineRoute } from '../route';
import { idParams } from '../scalars';

const read = { permission: 'contract.read' } as const;
const write = { permission: 'contract.write' } as const;
const tags = ['contracts'];

/**
 * Contracts of engagement: a person's contracts, a contract with its versions and plan, drafting,
 * the workflow's moves, signatures (by the agent, by the person on screen or from their space),
 * amendments and the PDF. Routes on `/api/contracts/:id` check the contract's person through the
 * person gate in the use case.
 */
export const contractsApi = {
  listForPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/contracts',
    access: { ...read, scope: 'person' },
    tags,
    params: idParams,
    responses: { 200: personContractsSchema },
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/contracts',
    access: { ...write, scope: 'person' },
    tags,
    params: idParams,
    body: contractCreateSchema,
    responses: { 201: contractDetailSchema },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/contracts/:id',
    access: read,
    tags,
    params: idParams,
    responses: { 200: contractDetailSchema },
  }),
  /** Saves the version being drafted (the contract's current version, in draft). */
  updateDraft: defineRoute({
    method: 'PUT',
    path: '/api/contracts/:id/draft',
    access: write,
    tags,
    params: idParams,
    body: contractDraftUpdateSchema,
    responses: { 200: contractDetailSchema },
  }),
  transition: defineRoute({
    method: 'POST',
    path: '/api/contracts/:id/transition',
    access: write,
    tags,
    params: idParams,
    body: contractTransitionSchema,
    responses: { 200: contractDetailSchema },
  }),
  sign: defineRoute({
    method: 'POST',
    path: '/api/contracts/:id/sign',
    access: write,
    tags,
    params: idParams,
    body: contractSignSchema,
    responses: { 200: contractDetailSchema },
  }),
  /** A new version of a contract in force, copied from the version in force, to be signed again. */
  amend: defineRoute({
    method: 'POST',
    path: '/api/contracts/:id/amendments',
    access: write,
    tags,
    params: idParams,
    responses: { 201: contractDetailSchema },
  }),
  pdf: defineRoute({
    method: 'GET',
    path: '/api/contracts/:id/versions/:number/pdf',
    access: read,
    tags,
    params: contractVersionParams,
    responses: { 200: binary('application/pdf') },
  }),
  /** The person signs from their space (beneficiary): one-time code + statement. */
  signInSpace: defineRoute({
    method: 'POST',
    path: '/api/space/contracts/:id/sign',
    access: { permission: 'beneficiary.space' },
    tags,
    params: idParams,
    body: contractSpaceSignSchema,
    responses: { 200: contractDetailSchema },
  }),
};
