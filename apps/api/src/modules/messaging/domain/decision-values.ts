import { pathwayWords, programmeLabels } from './defaults';
import { frenchDate } from './format';

/** What the notification of an orientation says about the decision and the receiving body. */
export interface DecisionFacts {
  decidedOn: string;
  pathway: string;
  programme: string | null;
  structureName: string;
  /** The structure's address as entered in the directory (street, or street and city). */
  structureAddress: string | null;
  structurePostalCodes: readonly string[] | null;
  structureCommune: string | null;
}

/**
 * The body's postal address on one line: the street as entered, completed by the postal code and
 * the commune unless it already holds a postal code; the commune alone when no street is known.
 */
export function bodyAddress(
  f: Pick<DecisionFacts, 'structureAddress' | 'structurePostalCodes' | 'structureCommune'>,
) {
  const street = f.structureAddress?.trim() || null;
  const commune = f.structureCommune?.trim() || null;
  const city = commune ? [f.structurePostalCodes?.[0], commune].filter(Boolean).join(' ') : null;
  if (street && (/\b\d{5}\b/.test(street) || !city)) return street;
  return [street, city].filter(Boolean).join(', ');
}

/**
 * The placeholders of the `orientation_decision` template. A line whose placeholders are all empty
 * is left out of the text (`renderTemplate`): no "Programme :" line without a programme.
 */
export function decisionValues(f: DecisionFacts): Record<string, string> {
  return {
    date_decision: frenchDate(f.decidedOn),
    parcours: pathwayWords[f.pathway] ?? f.pathway,
    organisme: f.structureName,
    adresse_organisme: bodyAddress(f),
    programme: f.programme ? (programmeLabels[f.programme] ?? f.programme) : '',
  };
}
