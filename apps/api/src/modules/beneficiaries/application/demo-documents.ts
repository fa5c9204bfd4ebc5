import { createHash } from 'node:crypto';
import type { AppContext } from '../../../platform/context';
import { renderPdf } from '../../../platform/pdf/render';
import { parisToday } from '../../../platform/time';
import { documentEvents } from '../domain/document-events';
import { insertDocument } from '../infra/documents-repo';

/**
 * The demo beneficiary's file gets one document (a synthetic training certificate, added by the
 * demo référent), once: the documents section and the beneficiary's space show something to open.
 */
export async function loadDemoDocuments(ctx: AppContext): Promise<void> {
  const beneficiary = await ctx.db
    .selectFrom('account')
    .select(['person_id', 'department_code'])
    .where('email', '=', 'beneficiaire@parcours.test')
    .executeTakeFirst();
  const personId = beneficiary?.person_id;
  if (!beneficiary || !personId) return;
  const existing = await ctx.db
    .selectFrom('person_document')
    .select('id')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (existing) return;
  const referent = await ctx.db
    .selectFrom('account')
    .select('id')
    .where('email', '=', 'referent@parcours.test')
    .executeTakeFirst();
  const content = await renderPdf({
    info: { title: 'Attestation de formation (démonstration)' },
    content: [
      { text: 'Attestation de formation', fontSize: 18, bold: true, margin: [0, 0, 0, 12] },
      { text: 'Document de démonstration : données entièrement fictives.', italics: true },
      { text: 'Atelier « Préparer un entretien d’embauche », 3 demi-journées.', margin: [0, 12, 0, 0] },
    ],
  });
  await ctx.db.transaction().execute(async (trx) => {
    const id = await insertDocument(trx, {
      departmentCode: beneficiary.department_code,
      personId,
      kind: 'certificate',
      label: 'Attestation de formation (démonstration)',
      fileName: 'attestation-formation-demo.pdf',
      contentType: 'application/pdf',
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
      uploadedBy: referent?.id ?? null,
    });
    await documentEvents.append(trx, {
      departmentCode: beneficiary.department_code,
      personId,
      occurredOn: parisToday(),
      type: 'document_added',
      data: { documentId: id, kind: 'certificate' },
      actorAccountId: referent?.id ?? null,
      source: 'demo',
    });
  });
}
