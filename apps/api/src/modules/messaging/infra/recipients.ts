import { lastNameOf, type MessageChannelCode, type TemplateCode } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { civility, defaultTemplates } from '../domain/defaults';
import { normalizeFrenchPhone } from '../domain/phone';

type Exec = Kysely<Database>;

/** A person as messages address them, with the channels that may be used. */
export interface Recipient {
  personId: string;
  civility: string;
  firstName: string;
  lastName: string;
  /** "Madame Camille EXEMPLE" */
  displayName: string;
  /** Postal lines after the name; null when no usable postal address is known. */
  addressLines: string[] | null;
  /** E-mail the household allowed us to use (consent A), else null. */
  email: string | null;
  /** Mobile number in E.164 the household allowed us to use (consent A), else null. */
  mobile: string | null;
  claimNumber: string | null;
  hubId: string | null;
  hubName: string | null;
}

/**
 * Consent codes of the CAF instruction flux (AUTORUTITEL, AUTORUTIADRELEC): A the person agreed
 * that the département uses this phone / e-mail, R refused, I unknown. Only A allows an e-mail or
 * an SMS: a refusal must be respected, and an unknown answer is not an agreement (the letter,
 * which needs no consent, remains the channel of record).
 */
export function consentAllows(consent: string | null): boolean {
  return consent?.trim().toUpperCase() === 'A';
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function loadRecipient(
  exec: Exec,
  departmentCode: string,
  personId: string,
): Promise<Recipient | null> {
  const p = await exec
    .selectFrom('person as p')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .leftJoin('commune as c', 'c.insee_code', 'h.commune_code')
    .leftJoin('insertion_hub as hub', 'hub.id', 'c.hub_id')
    .select([
      'p.id',
      'p.title',
      'p.sex',
      'p.first_name',
      'p.usual_name',
      'p.birth_name',
      'p.household_id',
      'h.claim_number',
      'h.street_number',
      'h.street_type',
      'h.street_name',
      'h.address_complement',
      'h.locality',
      'h.postal_code',
      'h.commune_name',
      'h.abroad',
      'hub.id as hub_id',
      'hub.name as hub_name',
    ])
    .where('p.id', '=', personId)
    .where('p.department_code', '=', departmentCode)
    .executeTakeFirst();
  if (!p) return null;
  const contacts = p.household_id
    ? await exec
        .selectFrom('contact')
        .select(['kind', 'value', 'consent'])
        .where('household_id', '=', p.household_id)
        .execute()
    : [];
  const emailRow = contacts.find((c) => c.kind === 'email');
  const phoneRow = contacts.find((c) => c.kind === 'phone');
  const email =
    emailRow && consentAllows(emailRow.consent) && EMAIL_RE.test(emailRow.value.trim())
      ? emailRow.value.trim()
      : null;
  const phone = phoneRow && consentAllows(phoneRow.consent) ? normalizeFrenchPhone(phoneRow.value) : null;

  const street = [p.street_number, p.street_type, p.street_name]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(' ');
  const city = [p.postal_code?.trim(), p.commune_name?.trim()].filter(Boolean).join(' ');
  const hasAddress =
    !p.abroad && !!p.postal_code?.trim() && !!p.commune_name?.trim() && !!(street || p.locality?.trim());
  const addressLines = hasAddress
    ? [street, p.address_complement?.trim(), p.locality?.trim(), city].filter((l): l is string => !!l)
    : null;
  const civ = civility(p.title, p.sex);
  // As the CAF or the agent wrote it, in letters too: « LE ROUX », « de La Fontaine », never re-cased.
  const lastName = lastNameOf({ birthName: p.birth_name, usualName: p.usual_name });
  return {
    personId: p.id,
    civility: civ,
    firstName: p.first_name,
    lastName,
    displayName: `${civ} ${p.first_name} ${lastName}`,
    addressLines,
    email,
    mobile: phone?.mobile ? phone.e164 : null,
    claimNumber: p.claim_number,
    hubId: p.hub_id,
    hubName: p.hub_name,
  };
}

export interface AppointmentContext {
  id: string;
  personId: string;
  status: string;
  startsAt: Date | null;
  onDate: string;
  place: string | null;
  hubId: string | null;
  hubName: string | null;
  /** Commune of the structure receiving the person, for "Fait à …". */
  structureCommune: string | null;
  structureId: string | null;
}

export async function loadAppointment(
  exec: Exec,
  departmentCode: string,
  appointmentId: string,
): Promise<AppointmentContext | null> {
  const a = await exec
    .selectFrom('appointment as a')
    .leftJoin('agenda_slot as s', 's.id', 'a.slot_id')
    .leftJoin('structure as st', (j) =>
      j.on((eb) => eb('st.id', '=', eb.fn.coalesce('a.structure_id', 's.structure_id'))),
    )
    .leftJoin('insertion_hub as hub', (j) =>
      j.on((eb) => eb('hub.id', '=', eb.fn.coalesce('a.hub_id', 's.hub_id', 'st.hub_id'))),
    )
    .leftJoin('commune as sc', 'sc.insee_code', 'st.commune_code')
    .select((eb) => [
      'a.id',
      'a.person_id',
      'a.status',
      'a.on_date',
      eb.fn.coalesce('a.starts_at', 's.starts_at').as('starts_at'),
      eb.fn.coalesce('a.place', 's.place', 'st.address').as('place'),
      'hub.id as hub_id',
      'hub.name as hub_name',
      'sc.name as structure_commune',
      'st.id as structure_id',
    ])
    .where('a.id', '=', appointmentId)
    .where('a.department_code', '=', departmentCode)
    .executeTakeFirst();
  if (!a) return null;
  return {
    id: a.id,
    personId: a.person_id,
    status: a.status,
    startsAt: a.starts_at ? new Date(a.starts_at) : null,
    onDate: a.on_date,
    place: a.place,
    hubId: a.hub_id,
    hubName: a.hub_name,
    structureCommune: a.structure_commune,
    structureId: a.structure_id,
  };
}

/** Whom a person calls or writes to about a letter: the receiving structure or the pôle's services. */
export interface LetterContact {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * The contact printed on a convocation: the structure receiving the person when it has a phone or
 * an e-mail, else the active "pôle d'insertion (services)" structure of the pôle (administrators
 * edit both in the structures directory). Null when neither is known.
 */
export async function loadLetterContact(
  exec: Exec,
  departmentCode: string,
  structureId: string | null,
  hubId: string | null,
): Promise<LetterContact | null> {
  const rows = await exec
    .selectFrom('structure')
    .select(['id', 'name', 'address', 'phone', 'email', 'kind'])
    .where('department_code', '=', departmentCode)
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb('id', '=', structureId ?? '00000000-0000-0000-0000-000000000000'),
        eb.and([
          eb('kind', '=', 'insertion_hub_office'),
          eb('hub_id', '=', hubId ?? '00000000-0000-0000-0000-000000000000'),
        ]),
      ]),
    )
    .orderBy('name')
    .execute();
  const reachable = (r: (typeof rows)[number]) => Boolean(r.phone?.trim() || r.email?.trim());
  const own = rows.find((r) => r.id === structureId && reachable(r));
  const office = rows.find((r) => r.kind === 'insertion_hub_office' && reachable(r));
  const chosen = own ?? office;
  if (!chosen) return null;
  return {
    name: chosen.name,
    address: chosen.address?.trim() || null,
    phone: chosen.phone?.trim() || null,
    email: chosen.email?.trim() || null,
  };
}

export async function departmentName(exec: Exec, departmentCode: string): Promise<string> {
  const d = await exec
    .selectFrom('department')
    .select('name')
    .where('code', '=', departmentCode)
    .executeTakeFirst();
  return d?.name ?? `Département ${departmentCode}`;
}

/** The département's template, or the built-in default when none is stored yet. */
export async function loadTemplate(
  exec: Exec,
  departmentCode: string,
  code: TemplateCode,
  channel: MessageChannelCode,
): Promise<{ subject: string | null; body: string }> {
  const t = await exec
    .selectFrom('message_template')
    .select(['subject', 'body'])
    .where('department_code', '=', departmentCode)
    .where('code', '=', code)
    .where('channel', '=', channel)
    .executeTakeFirst();
  if (t) return t;
  const d = defaultTemplates.find((x) => x.code === code && x.channel === channel);
  if (!d) throw new Error(`no template ${code}/${channel}`);
  return { subject: d.subject, body: d.body };
}
