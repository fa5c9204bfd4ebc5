import { defineTimelineEvents, frenchDate } from '../../../platform/timeline/registry';

const action = (data: Record<string, unknown>) =>
  data.actionCode ? ` : ${String(data.actionCode)} — ${String(data.actionTitle ?? '')}`.trimEnd() : '';
const session = (data: Record<string, unknown>) =>
  data.sessionLabel ? ` (session ${String(data.sessionLabel)})` : '';
const reason = (data: Record<string, unknown>) => (data.reason ? ` — motif : ${String(data.reason)}` : '');

/** The referrals context's events on a person's timeline (one per move of a fiche de liaison). */
export const referralEvents = defineTimelineEvents('referrals', {
  referral_sent: (data) => `Fiche de liaison envoyée${action(data)}${session(data)}`,
  referral_accepted: (data) => `Fiche de liaison acceptée par l’opérateur${action(data)}`,
  referral_refused: (data) => `Fiche de liaison refusée par l’opérateur${action(data)}${reason(data)}`,
  referral_cancelled: (data) => `Fiche de liaison annulée${action(data)}${reason(data)}`,
  referral_entered: (data) =>
    `Entrée dans l’action${action(data)}${data.enteredOn ? ` le ${frenchDate(String(data.enteredOn))}` : ''}`,
  referral_exited: (data) =>
    `Sortie de l’action${action(data)}${data.exitLabel ? ` — ${String(data.exitLabel)}` : ''}${data.corrected ? ' (correction)' : ''}`,
});
