/** The steps of a contract of engagement on the person's timeline (type `contract_step`). */
export const contractSteps = [
  'draft_created',
  'proposed',
  'back_to_draft',
  'signed',
  'in_force',
  'amended',
  'ended',
  'renewed',
  'cancelled',
] as const;
export type ContractStep = (typeof contractSteps)[number];

const frDate = (iso: unknown) =>
  typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}/.test(iso)
    ? iso.slice(0, 10).split('-').reverse().join('/')
    : '';
const version = (data: Record<string, unknown>) =>
  data.versionNumber ? ` (version ${String(data.versionNumber)})` : '';
const signer: Record<string, string> = {
  agent: 'par la structure',
  on_screen: 'par la personne, sur place',
  beneficiary_space: 'par la personne, depuis son espace',
};

/** The French line of a contract step. */
export function contractStepLabel(data: Record<string, unknown>): string {
  const period =
    data.startDate && data.endDate ? ` du ${frDate(data.startDate)} au ${frDate(data.endDate)}` : '';
  const reason = data.reason ? ` (motif : ${String(data.reason)})` : '';
  // The person's refusal to sign the proposed version: the fact a failure can be detected from.
  const refused = data.personRefused
    ? ` : la personne a refusé de le signer${data.refusedOn ? ` le ${frDate(data.refusedOn)}` : ''}`
    : '';
  switch (data.step as ContractStep) {
    case 'draft_created':
      return `Contrat d'engagement en préparation${period}`;
    case 'proposed':
      return `Contrat d'engagement proposé à la signature${version(data)}`;
    case 'back_to_draft':
      return `Contrat d'engagement repris en brouillon${version(data)}${refused}`;
    case 'signed': {
      const by = signer[String(data.method ?? data.party)] ?? '';
      const who = data.signerName ? ` (${String(data.signerName)})` : '';
      return `Contrat d'engagement signé ${by}${who}${version(data)}`.replace(/\s+/g, ' ');
    }
    case 'in_force':
      return `Contrat d'engagement en vigueur${period}${version(data)}`;
    case 'amended':
      return `Avenant au contrat d'engagement ouvert${version(data)}`;
    case 'ended':
      return `Contrat d'engagement terminé${period}${reason}`;
    case 'renewed':
      return `Contrat d'engagement renouvelé${period}`;
    case 'cancelled':
      return `Contrat d'engagement annulé${refused}${reason}`;
    default:
      return "Contrat d'engagement";
  }
}
