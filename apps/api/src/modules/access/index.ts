/** What other contexts may use of the access context. */
// An agent account created or changed: the accompaniment keeps the référent of the account.

// The beneficiary space signs a contract after a re-authentication by a one-time code.
export {
  consumeSignatureCode,
  countWrongSignatureCode,
  requestSignatureCode,
  signatureChannelsOf,
} from './application/signature-code';
// An agent opens the space of a person: their beneficiary account and a first sign-in link.
export { enqueueSpaceLink, ensureBeneficiaryAccount, spaceContactsOf } from './application/space-accounts';
// The state of a stored single-use secret (used, expired…): PMSMP signing links (immersions) reuse it.
export { secretState } from './domain/beneficiary-codes';
export { type AccountSaved, accountSaved } from './domain/events';
