import { ApiRequestError } from '../../lib/api';
import { asContentField } from './draft';

/**
 * The editor names its fields after the body (`content.plan.0.weeklyHours`); a refusal of the
 * content may name them from the content itself (`plan.0.weeklyHours`): both land under the field.
 */
export function contractApiError(error: unknown): unknown {
  if (!(error instanceof ApiRequestError) || error.fields.length === 0) return error;
  const fields = error.fields.map((f) => {
    const path = f.path
      .replace(/^\//, '')
      .replaceAll('/', '.')
      .replace(/^body\./, '');
    return {
      ...f,
      path: path === 'version' || path === 'to' || path === 'reason' ? path : asContentField(path),
    };
  });
  return new ApiRequestError(error.status, error.code, error.message, fields, error.requestId, error.body);
}
