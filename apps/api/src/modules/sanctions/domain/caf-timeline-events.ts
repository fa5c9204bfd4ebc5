import { type CafLineKind, cafLineKindLabels } from '@parcours/contracts';
import { defineTimelineEvents, frenchDate } from '../../../platform/timeline/registry';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const what = (d: Record<string, unknown>) =>
  (cafLineKindLabels[str(d.kind) as CafLineKind] ?? 'Décision').toLowerCase();

/** The CAF transmission of a person's sanction decisions, on the person's timeline. */
export const cafTransmissionEvents = defineTimelineEvents('caf_transmission', {
  caf_line_transmitted: (d) =>
    `Décision transmise à la CAF : ${what(d)}${str(d.fileDate) ? ` (fichier du ${frenchDate(str(d.fileDate))})` : ''}`,
  caf_line_accepted: (d) => `Transmission à la CAF acceptée : ${what(d)}`,
  caf_line_rejected: (d) =>
    `Transmission à la CAF rejetée : ${what(d)}${str(d.reason) ? ` — « ${str(d.reason)} »` : ''} (à transmettre de nouveau)`,
});
