import { coordinateSourceLabels, rectifiedFieldLabels } from '@parcours/contracts';
import type { TimelineData } from '../../../platform/timeline/registry';

const groupLabels: Record<string, string> = {
  phone: 'téléphone',
  email: 'adresse e-mail',
  address: 'adresse postale',
};
const group = (data: TimelineData) => groupLabels[String(data.field)] ?? String(data.field);

/** Timeline lines of the coordinates corrected on the file and of the flux conflicts (issue 10). */
export const coordinateEvents = {
  coordinates_rectified: (data: TimelineData) => {
    const fields = Array.isArray(data.fields)
      ? data.fields.map((f) => rectifiedFieldLabels[String(f)] ?? f)
      : [];
    const source = coordinateSourceLabels[String(data.source)] ?? String(data.source);
    return `Coordonnées rectifiées (${source}) : ${fields.join(', ').toLowerCase()}`;
  },
  coordinates_conflict: (data: TimelineData) =>
    data.outcome === 'replaced'
      ? `Flux CAF : ${group(data)} plus récent que la valeur saisie, qu’il remplace (à vérifier)`
      : `Flux CAF : ${group(data)} différent de la valeur saisie, plus récente, qui est conservée (à vérifier)`,
  coordinates_conflict_decided: (data: TimelineData) =>
    data.keep === 'flux'
      ? `${group(data)[0]!.toUpperCase()}${group(data).slice(1)} : valeur de la CAF retenue`
      : `${group(data)[0]!.toUpperCase()}${group(data).slice(1)} : valeur saisie retenue`,
};
