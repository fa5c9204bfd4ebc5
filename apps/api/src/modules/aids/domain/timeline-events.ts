import { type AidKind, aidKindLabels, formatCents } from '@parcours/contracts';
import { defineTimelineEvents } from '../../../platform/timeline/registry';

const what = (data: Record<string, unknown>) =>
  `${aidKindLabels[data.kind as AidKind] ?? String(data.kind)} (${formatCents(Number(data.amountCents ?? 0))})`;

/** The aids context's events on a person's timeline. */
export const aidEvents = defineTimelineEvents('aids', {
  aid_requested: (data) => `Demande d’aide individuelle : ${what(data)}`,
  aid_validated: (data) => `Aide individuelle validée : ${what(data)}`,
  aid_rejected: (data) => `Aide individuelle refusée : ${what(data)}`,
  aid_withdrawn: (data) => `Demande d’aide retirée : ${what(data)}`,
  aid_cancelled: (data) => `Aide individuelle annulée : ${what(data)}`,
  aid_ordered: (data) =>
    `Aide individuelle mise en paiement : ${what(data)}${data.orderNumber ? ` (ordre ${String(data.orderNumber)})` : ''}`,
  aid_paid: (data) => `Aide individuelle payée : ${what(data)}`,
});
