import { documentKindLabels } from '@parcours/contracts';
import { defineTimelineEvents, type TimelineData } from '../../../platform/timeline/registry';

const kind = (data: TimelineData) =>
  (documentKindLabels as Record<string, string>)[String(data.kind)] ?? 'Document';

/**
 * Documents on the timeline: the kind only — the title and the file name stay in the documents
 * section, readable by the roles allowed to read documents.
 */
export const documentEvents = defineTimelineEvents('beneficiaries', {
  document_added: (data) => `Document ajouté au dossier : ${kind(data)}`,
  document_withdrawn: (data) => `Document retiré du dossier : ${kind(data)}`,
});
