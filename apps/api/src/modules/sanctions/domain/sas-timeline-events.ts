import { sasCommitmentKindLabels } from '@parcours/contracts';
import { defineTimelineEvents, frenchDate } from '../../../platform/timeline/registry';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The SAS de rétablissement on the person's timeline: request, enrolment, attendance, decision. */
export const sasEvents = defineTimelineEvents('sas', {
  sas_requested: () => 'Demande de rétablissement des droits : orientation vers le SAS',
  sas_enrolled: (d) =>
    `Inscription au SAS de rétablissement${str(d.sessionLabel) ? ` : « ${str(d.sessionLabel)} »` : ''}${str(d.startDate) ? `, à partir du ${frenchDate(str(d.startDate))}` : ''}`,
  sas_ended: (d) =>
    `${d.outcome === 'abandoned' ? 'SAS abandonné' : 'SAS suivi'} : ${num(d.present)} présence(s), ${num(d.excused)} absence(s) excusée(s), ${num(d.absent)} absence(s) non excusée(s) sur ${num(d.held)} séance(s)`,
  sas_commitment: (d) =>
    `Engagement à l’issue du SAS : ${(sasCommitmentKindLabels[str(d.kind) as keyof typeof sasCommitmentKindLabels] ?? 'engagement').toLowerCase()}`,
  sas_reinstated: (d) =>
    `Droits rétablis à l’issue du SAS${str(d.reinstatedFrom) ? ` à compter du ${frenchDate(str(d.reinstatedFrom))}` : ''}`,
  sas_refused: (d) => `Rétablissement des droits refusé${str(d.reason) ? ` : « ${str(d.reason)} »` : ''}`,
  sas_cancelled: (d) =>
    `Demande de rétablissement (SAS) annulée${str(d.reason) ? ` : « ${str(d.reason)} »` : ''}`,
});
