import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp } from './types';

/** Territory: pôles d’insertion, communes, structures. */

export interface InsertionHubTable {
  id: Generated<string>;
  department_code: string;
  code: string;
  name: string;
  created_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface CommuneTable {
  department_code: string;
  insee_code: string;
  name: string;
  postal_codes: string[];
  hub_id: string | null;
  updated_at: GeneratedTimestamp;
}

export interface StructureTable {
  id: Generated<string>;
  department_code: string;
  kind: string;
  name: string;
  hub_id: string | null;
  commune_code: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  active: Generated<boolean>;
  /** Per weekday opening ranges (contracts `OpeningHours`); null: the default hours. */
  opening_hours: ColumnType<unknown, string | null | undefined, string | null>;
  external_id: Generated<string | null>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}
