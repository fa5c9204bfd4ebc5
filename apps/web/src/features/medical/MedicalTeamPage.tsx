import { PageHeader } from '../../ui';

/** Demandes d'avis adressées à l'équipe médicale du pôle. */
export function MedicalTeamPage() {
  return <PageHeader title="Équipe médicale" />;
}
