/**
 * Persons' names as the CAF, the MSA or the agent wrote them: never re-cased. « LE ROUX » stays
 * « LE ROUX » (not « Le roux »), « de La Fontaine » stays as typed, « N’DIAYE » and « Jean-Pierre »
 * keep their apostrophe and hyphen. Only the surrounding spaces go. Shared by the screens, the
 * exports, the letters and the journal, so that a person has one name everywhere.
 */
export interface NamedPerson {
  firstName: string;
  birthName: string;
  usualName?: string | null | undefined;
}

/** The name Parcours uses: the usual name when there is one, else the birth name; as given. */
export function lastNameOf(person: Pick<NamedPerson, 'birthName' | 'usualName'>): string {
  return person.usualName?.trim() || person.birthName.trim();
}

/** « Yann LE ROUX »: the first name, then the name used, each as given. */
export function personName(person: NamedPerson): string {
  return [person.firstName.trim(), lastNameOf(person)].filter(Boolean).join(' ');
}

/** The same from a database row (snake_case columns). */
export function personNameOfRow(row: {
  first_name: string;
  birth_name: string;
  usual_name?: string | null | undefined;
}): string {
  return personName({ firstName: row.first_name, birthName: row.birth_name, usualName: row.usual_name });
}
