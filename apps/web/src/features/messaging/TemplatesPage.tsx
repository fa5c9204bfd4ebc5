import { PageHeader } from '../../ui';

/** Modèles de convocation, de rappel et de notification. */
export function TemplatesPage() {
  return <PageHeader title="Modèles de messages" />;
}
