import {
  cafAckReportSchema,
  cafFileInputSchema,
  cafFileSchema,
  cafFilesSchema,
  cafLineQuerySchema,
  cafLinesSchema,
} from '../caf-transmission';
import { binary, defineRoute } from '../route';
import { idParams } from '../scalars';

const tags = ['sanctions'];
const manage = { permission: 'sanction.manage' } as const;

/**
 * CAF transmission (issue 14 point 5). The queue is filtered by the reader's scope; the files cover
 * the whole département and are handled by département roles only (refused to the others).
 */
const transmit = { permission: 'caf.transmit' } as const;

export const cafTransmissionApi = {
  lines: defineRoute({
    method: 'GET',
    path: '/api/sanctions/caf-lines',
    access: manage,
    tags,
    query: cafLineQuerySchema,
    responses: { 200: cafLinesSchema },
  }),
  files: defineRoute({
    method: 'GET',
    path: '/api/sanctions/caf-files',
    access: transmit,
    tags,
    responses: { 200: cafFilesSchema },
  }),
  /** The file of a day: every line waiting up to that day; the same day again gives the same file. */
  generateFile: defineRoute({
    method: 'POST',
    path: '/api/sanctions/caf-files',
    access: transmit,
    tags,
    body: cafFileInputSchema,
    responses: { 201: cafFileSchema },
  }),
  /** The file as sent to the CAF (layout: docs/caf-transmission.md). */
  download: defineRoute({
    method: 'GET',
    path: '/api/sanctions/caf-files/:id/download',
    access: transmit,
    tags,
    params: idParams,
    responses: { 200: binary('text/csv; charset=utf-8') },
  }),
  /** The CAF's answer (CSV): checked as a whole, refused (400, every error) or applied as a whole. */
  acknowledge: defineRoute({
    method: 'POST',
    path: '/api/sanctions/caf-files/:id/acknowledgement',
    access: transmit,
    tags,
    params: idParams,
    upload: ['text/csv'],
    responses: { 200: cafAckReportSchema },
  }),
};
