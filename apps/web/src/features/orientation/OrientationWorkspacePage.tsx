import { PageHeader } from '../../ui';

/** Diagnostic, proposition et décision d'orientation d'une personne. */
export function OrientationWorkspacePage() {
  return <PageHeader title="Orientation de la personne" />;
}
