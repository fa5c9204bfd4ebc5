import { createRequire } from 'node:module';
import type { OfficialCommune } from '../domain/territory-config';

const require = createRequire(import.meta.url);

/** The official geography (COG) shipped by @etalab/decoupage-administratif. */
export function officialCommunes(): OfficialCommune[] {
  return require('@etalab/decoupage-administratif/data/communes.json') as OfficialCommune[];
}
