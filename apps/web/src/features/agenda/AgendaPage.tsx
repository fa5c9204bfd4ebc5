import { PageHeader } from '../../ui';

/** Agenda des créneaux et rendez-vous. */
export function AgendaPage() {
  return <PageHeader title="Agenda" />;
}
