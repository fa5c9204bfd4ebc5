import { describe, expect, it } from 'vitest';
import { validateDataInclusion } from '../infra/open-data-schemas';
import {
  exportJson,
  mapDataInclusion,
  mapService,
  mapStructure,
  type OpenDataActionRow,
  type OpenDataStructureRow,
} from './open-data';
import { osmOpeningHours, phoneOrNull, shorten } from './open-data-text';

const department = { code: '13', name: 'Bouches-du-Rhône' };

const operator: OpenDataStructureRow = {
  id: '6a1f0e8e-0000-4000-8000-000000000001',
  kind: 'plie',
  name: 'PLIE Marseille Provence.',
  address: '12 rue de l’Exemple',
  email: 'contact@plie.exemple.test',
  phone: '04 91 00 00 00',
  communeCode: '13203',
  communeName: 'Marseille 3e Arrondissement',
  postalCodes: ['13003'],
  openingHours: {
    monday: [{ from: '08:30', to: '12:30' }],
    tuesday: [{ from: '08:30', to: '12:30' }],
    wednesday: [],
    thursday: [{ from: '08:30', to: '12:30' }],
    friday: [{ from: '08:30', to: '12:30' }],
    saturday: [],
    sunday: [],
  },
  updatedAt: new Date('2026-03-04T10:00:00Z'),
};

const action: OpenDataActionRow = {
  id: '6a1f0e8e-0000-4000-8000-0000000000a1',
  code: '3-4',
  title: 'Action intermédiaire vers l’emploi.',
  axis: 3,
  status: 'nouvelle',
  grouping: 'ACCÈS À L’EMPLOI',
  objectives: 'Lever les freins et accéder à un emploi durable.',
  description: 'Accompagnement renforcé   vers l’emploi.',
  publicDescription: 'Allocataires du RSA',
  targetMinAge: 26,
  targetMaxAge: null,
  targetSex: null,
  publics: ['beneficiaires-des-minimas-sociaux', 'tous-publics', 'inconnu'],
  thematiques: ['trouver-un-emploi--repondre-a-des-offres-demploi', 'pas-une-thematique'],
  serviceType: 'accompagnement',
  weeklyHours: 17.5,
  weeks: 12,
  phases: [{ label: 'Phase 1', description: 'Diagnostic', hours: 35 }],
  startsOn: '2026-09-01',
  endsOn: '2026-12-18',
  updatedAt: new Date('2026-05-06T23:30:00Z'),
  operatorIds: [operator.id],
  communeCodes: ['13203', '13201', '13203'],
  sessions: [
    {
      label: 'Session d’automne',
      startsOn: '2026-09-01',
      endsOn: '2026-10-30',
      place: 'Salle B',
      communeName: 'Marseille 3e Arrondissement',
      capacity: 12,
      weeklyHours: 17.5,
    },
  ],
};

describe('data·inclusion mapping of the catalogue', () => {
  it('maps a structure: id from the source, address, postal code, E.164 phone, OSM hours, network', () => {
    const s = mapStructure(operator, department);
    expect(s).toMatchObject({
      source: 'cd13',
      id: `cd13--${operator.id}`,
      nom: 'PLIE Marseille Provence',
      date_maj: '2026-03-04',
      siret: null,
      adresse: '12 rue de l’Exemple',
      code_postal: '13003',
      code_insee: '13203',
      commune: 'Marseille 3e Arrondissement',
      telephone: '+33491000000',
      courriel: 'contact@plie.exemple.test',
      horaires_accueil: 'Mo-Tu 08:30-12:30; Th-Fr 08:30-12:30',
      reseaux_porteurs: ['plie'],
    });
    expect(validateDataInclusion('structure', [s])).toEqual([]);
  });

  it('maps an action: vocabularies filtered, zone, hours, sessions in the text, no contact person', () => {
    const s = mapService(action, [operator], department, (d) => d.toISOString().slice(0, 10));
    expect(s).toMatchObject({
      id: 'cd13--3-4',
      structure_id: `cd13--${operator.id}`,
      nom: 'Action intermédiaire vers l’emploi',
      date_maj: '2026-05-06',
      type: 'accompagnement',
      thematiques: ['trouver-un-emploi--repondre-a-des-offres-demploi'],
      publics: ['beneficiaires-des-minimas-sociaux'],
      publics_precisions: 'Allocataires du RSA. À partir de 26 ans',
      zone_eligibilite: ['13201', '13203'],
      volume_horaire_hebdomadaire: 17.5,
      nombre_semaines: 12,
      modes_accueil: ['en-presentiel'],
      mobilisable_par: ['professionnels'],
      frais: 'gratuit',
      contact_nom_prenom: null,
      telephone: '+33491000000',
    });
    expect(s.description).toContain('Accompagnement renforcé vers l’emploi.');
    expect(s.description).toContain('- Phase 1 (35 h) : Diagnostic');
    expect(s.description).toContain(
      '- Session d’automne : du 01/09/2026 au 30/10/2026, Salle B, Marseille 3e Arrondissement, 12 places, 17,5 h par semaine',
    );
    expect(s.description).toContain(
      "Action 3-4 du programme départemental d'insertion, axe 3 (ACCÈS À L’EMPLOI).",
    );
    expect(validateDataInclusion('service', [s])).toEqual([]);
  });

  it('completes and shortens texts to the schema limits without inventing facts', () => {
    const bare: OpenDataActionRow = {
      ...action,
      code: 'X',
      title: 'AB',
      description: null,
      objectives: null,
      phases: [],
      publics: [],
      thematiques: [],
      serviceType: 'autre',
      publicDescription: null,
      targetMinAge: null,
      startsOn: null,
      sessions: [],
      operatorIds: [],
      communeCodes: [],
    };
    const s = mapService(bare, [], department);
    expect(s.nom).toBe('Action X AB');
    expect(s.description).toBe("Action X du programme départemental d'insertion, axe 3 (ACCÈS À L’EMPLOI).");
    expect(s).toMatchObject({
      structure_id: 'cd13--departement',
      publics: null,
      thematiques: null,
      type: null,
      modes_accueil: null,
      zone_eligibilite: ['13'],
    });
    const long = mapService(
      { ...action, title: 'mot '.repeat(60), description: 'x'.repeat(12000) },
      [],
      department,
    );
    expect(long.nom.length).toBeLessThanOrEqual(150);
    expect(long.description.length).toBeLessThanOrEqual(10000);
    expect(validateDataInclusion('service', [s, long])).toEqual([]);
    expect(shorten('un deux trois', 9)).toBe('un deux…');
    expect(phoneOrNull('06.12.34.56.78')).toBe('+33612345678');
    expect(osmOpeningHours(null)).toBeNull();
  });

  it('leaves out annulée actions, adds the département for actions without operator, sorts by id, same bytes', () => {
    const rows = [
      { ...action, code: '2-1', operatorIds: [] },
      { ...action, code: '1-9', status: 'annulee' },
      action,
    ];
    const a = mapDataInclusion(rows, [operator], department);
    expect(a.services.map((s) => s.id)).toEqual(['cd13--2-1', 'cd13--3-4']);
    expect(a.structures.map((s) => s.id)).toEqual([`cd13--${operator.id}`, 'cd13--departement']);
    expect(a.structures[1]!.date_maj).toBe('2026-05-06');
    const b = mapDataInclusion([...rows].reverse(), [operator], department);
    expect(exportJson(b.services)).toBe(exportJson(a.services));
    expect(exportJson(b.structures)).toBe(exportJson(a.structures));
    // Items out of the schema are caught, with the French reason.
    expect(validateDataInclusion('service', [{ ...a.services[0], nom: 'ab' }])).toEqual([
      { item: 'services[0] (cd13--2-1)', message: '/nom : au moins 3 caractères attendus' },
    ]);
  });
});
