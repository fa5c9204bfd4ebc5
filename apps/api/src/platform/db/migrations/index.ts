import { sql as m0001 } from './0001_platform';
import { sql as m0002 } from './0002_beneficiaries';

/** Forward-only, applied in this order; an id is never reused or edited once shipped. */
export const migrations: ReadonlyArray<{ id: string; sql: string }> = [
  { id: '0001_platform', sql: m0001 },
  { id: '0002_beneficiaries', sql: m0002 },
];
