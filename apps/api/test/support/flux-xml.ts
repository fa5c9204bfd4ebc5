/** Hand-written VRSB files for tests: small, readable, synthetic. */
export interface TestPerson {
  nir?: string | null;
  birthName: string;
  usualName?: string;
  firstName: string;
  birthDate: string;
  sex?: '1' | '2';
  role: 'DEM' | 'CJT' | 'ENF' | 'AUT';
  subject?: boolean;
}
export interface TestHousehold {
  claimNumber: string;
  status: string;
  inseeCode?: string;
  persons: TestPerson[];
}

const personXml = (p: TestPerson) => `
    <Personne>
      <Identification>
        <NOM>${p.usualName ?? p.birthName}</NOM>
        <NOMNAI>${p.birthName}</NOMNAI>
        <PRENOM>${p.firstName}</PRENOM>
        <NOMCOMNAI>MARSEILLE</NOMCOMNAI>
        <DTNAI>${p.birthDate}</DTNAI>
        ${p.nir ? `<NIR>${p.nir}</NIR>` : ''}
        <SEXE>${p.sex ?? '2'}</SEXE>
      </Identification>
      <Prestations><NATPREST>RSA</NATPREST><ROLEPERS>${p.role}</ROLEPERS><TOPCHAPERS>1</TOPCHAPERS></Prestations>
      <Prestations><NATPREST>PFA</NATPREST><ROLEPERS>${p.role}</ROLEPERS><TOPCHAPERS>0</TOPCHAPERS></Prestations>
      <MontantCalculDroitRSAPersonne><TOPPERSDRODEVORSA>${p.subject === false || p.role === 'ENF' ? '0' : '1'}</TOPPERSDRODEVORSA></MontantCalculDroitRSAPersonne>
    </Personne>`;

const householdXml = (h: TestHousehold) => `
  <InfosFoyerRSA>
    <IdentificationRSA>
      <Organisme><FONORG>CAF</FONORG><NUMORG>131</NUMORG><MATRICULE>${h.claimNumber.slice(-7)}</MATRICULE></Organisme>
      <Partenaire><TYPEPARTE>CG</TYPEPARTE><IDEPARTE>013</IDEPARTE></Partenaire>
      <DemandeRSA><DTDEMRSA>2025-01-01</DTDEMRSA><NUMDEMRSA>${h.claimNumber}</NUMDEMRSA></DemandeRSA>
    </IdentificationRSA>
    ${h.persons.map(personXml).join('')}
    <DonneesAdministratives>
      <SituationFamille><SITFAM>CEL</SITFAM><DDSITFAM>2020-01-01</DDSITFAM></SituationFamille>
      <Adresse>
        <TroncCommunAdresse><RGADR>01</RGADR><TYPEADR>D</TYPEADR><ETATADR>CO</ETATADR></TroncCommunAdresse>
        <AdresseDetailleeFrance><NUMVOIE>12</NUMVOIE><LIBTYPEVOIE>RUE</LIBTYPEVOIE><NOMVOIE>DES LILAS</NOMVOIE><COMPLADR /><NUMCOM>${h.inseeCode ?? '13203'}</NUMCOM><CODEPOS>13003</CODEPOS><NOMCOM>MARSEILLE</NOMCOM></AdresseDetailleeFrance>
      </Adresse>
    </DonneesAdministratives>
    <PrestationRSA>
      <SituationDossierRSA><EtatDossierRSA><ETATDOSRSA>${h.status}</ETATDOSRSA></EtatDossierRSA></SituationDossierRSA>
    </PrestationRSA>
  </InfosFoyerRSA>`;

export function vrsb(opts: {
  date: string;
  time?: string;
  type?: 'I' | 'M';
  households: TestHousehold[];
  declared?: number;
}) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Racine>
  <IdentificationFlux>
    <APPLIEME>CRI</APPLIEME><NUMVERSIONAPPLIEME>4200</NUMVERSIONAPPLIEME><TYPEFLUX>${opts.type ?? 'I'}</TYPEFLUX><NATFLUX>D</NATFLUX>
    <DTCREAFLUX>${opts.date}</DTCREAFLUX><HEUCREAFLUX>${opts.time ?? '01:18:36.0000'}</HEUCREAFLUX><DTREF>${opts.date}</DTREF>
  </IdentificationFlux>${opts.households.map(householdXml).join('')}
  <TransmissionFlux><NBTOTDOSRSATRANSM>${opts.declared ?? opts.households.length}</NBTOTDOSRSATRANSM><NBTOTDOSRSATRANSMANO>0</NBTOTDOSRSATRANSMANO></TransmissionFlux>
</Racine>
`;
}
