import type { FluxHousehold, FluxPerson } from '../../modules/beneficiaries/domain/flux';
import type { GenHousehold, GenPerson } from './households';

/** A person's state on `today`: the latest rights line on or before it. */
function current(p: GenPerson, today: string) {
  let state: { open: boolean; subject: boolean; entry: string | null } = {
    open: false,
    subject: false,
    entry: null,
  };
  let both = false;
  for (const r of p.rights) {
    if (r.date > today) break;
    const now = r.open && r.subjectToDuties;
    state = { open: r.open, subject: r.subjectToDuties, entry: now && !both ? r.date : state.entry };
    both = now;
  }
  return state;
}

/**
 * The household as a CAF flux of `today` describes it (caf-flux.md): its current state only.
 * `position`: its rank in the file (element paths).
 */
export function toFluxHousehold(h: GenHousehold, today: string, position = h.index): FluxHousehold {
  const path = `Racine/InfosFoyerRSA[${position}]`;
  const members: FluxPerson[] = h.members.map((p, i) => {
    const state = current(p, today);
    return {
      path: `${path}/Personne[${i + 1}]`,
      title: p.sex === 'F' ? 'MME' : 'MR',
      usualName: p.lastName,
      birthName: p.birthName,
      firstName: p.firstName,
      firstName2: null,
      firstName3: null,
      birthPlace: null,
      birthDate: p.birthDate,
      birthRank: null,
      nir: p.nir,
      sex: p.sex,
      role: p.role,
      franceTravailId: p.franceTravailId,
      subjectToDuties: state.open && state.subject,
      entersDuties: state.entry === today,
    };
  });
  return {
    path,
    organism: 'CAF',
    organismNumber: '131',
    matricule: h.matricule,
    claimNumber: h.claimNumber,
    claimDate: h.claimDate,
    familySituation: h.familySituation,
    familySituationSince: h.familySituationSince,
    address: {
      streetNumber: h.address.streetNumber,
      streetType: h.address.streetType,
      streetName: h.address.streetName,
      complement: null,
      locality: null,
      inseeCode: h.commune.code,
      postalCode: h.commune.postalCode,
      communeName: h.commune.name.toUpperCase(),
      abroad: false,
    },
    rightsStatus: h.open ? '2' : '5',
    closure: h.open ? null : { reason: h.closureReason, date: h.closedOn },
    refusal: null,
    rightSuspensions: [],
    paymentSuspensions: [],
    members,
    contacts:
      h.phone || h.email
        ? { phone: h.phone, phoneConsent: h.phoneConsent, email: h.email, emailConsent: h.emailConsent }
        : null,
    anomalies: [],
  };
}
