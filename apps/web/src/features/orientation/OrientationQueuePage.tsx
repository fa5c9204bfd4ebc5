import { PageHeader } from '../../ui';

/** File d'attente d'orientation du pôle. */
export function OrientationQueuePage() {
  return <PageHeader title="Orientation" />;
}
