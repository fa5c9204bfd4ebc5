import { PageHeader } from '../../ui';

/** Une demande d'avis médical : dossier médical et recommandation. */
export function MedicalReferralPage() {
  return <PageHeader title="Demande d'avis médical" />;
}
