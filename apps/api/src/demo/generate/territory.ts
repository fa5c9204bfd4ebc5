import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';
import { defaultTerritoryFile, readTerritoryFile } from '../../modules/territory/application/load-territory';
import { dayOf, isoOf, type Rng, WeightedTable } from './random';

const require = createRequire(import.meta.url);

export const DEPARTMENT = '13';

export interface GenHub {
  code: string;
  name: string;
  communes: string[];
}

export interface GenCommune {
  code: string;
  name: string;
  postalCode: string;
  hub: string;
  population: number;
}

export type GenBodyType =
  | 'france-travail'
  | 'mds'
  | 'lieu-accueil'
  | 'ccas'
  | 'plie'
  | 'mission-locale'
  | 'cap-emploi'
  | 'operator'
  | 'medical-team';

export interface GenBody {
  id: string;
  name: string;
  type: GenBodyType;
  hub: string;
}

export interface GenReferent {
  id: string;
  bodyId: string;
  lastName: string;
  firstName: string;
  globalSupportPair: boolean;
  activeFrom: string;
  activeTo: string | null;
}

export interface GenTerritory {
  hubs: GenHub[];
  communes: WeightedTable<GenCommune>;
  bodies: GenBody[];
  referents: GenReferent[];
  /** Active référents by body, for assignments. */
  activeReferents: Map<string, GenReferent[]>;
  /** Bodies serving a hub by role. */
  ofHub: Map<string, HubBodies>;
}

export interface HubBodies {
  mds: GenBody;
  franceTravail: GenBody;
  plie: GenBody;
  missionLocale: GenBody;
  operators: GenBody[];
  capEmploi: GenBody;
  ccas: GenBody | null;
}

interface OfficialCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  codesPostaux?: string[];
  population?: number;
}

// The département's partners outside the pôles' own bodies; names of the demo structures that
// exist already are reused on purpose, so an import links them instead of duplicating them.
const PARTNERS: GenBody[] = [
  { id: 'plie-marseille', name: 'PLIE Marseille Provence', type: 'plie', hub: 'marseille-2-3' },
  { id: 'plie-pays-aix', name: "PLIE du Pays d'Aix", type: 'plie', hub: 'aix-gardanne' },
  {
    id: 'plie-ouest-provence',
    name: 'PLIE Ouest Provence',
    type: 'plie',
    hub: 'istres-marignane-martigues-vitrolles',
  },
  {
    id: 'ml-marseille',
    name: 'Mission locale de Marseille',
    type: 'mission-locale',
    hub: 'marseille-1-5-6-7',
  },
  { id: 'ml-pays-aix', name: "Mission locale du Pays d'Aix", type: 'mission-locale', hub: 'aix-gardanne' },
  {
    id: 'ml-ouest-provence',
    name: 'Mission locale Ouest Provence',
    type: 'mission-locale',
    hub: 'istres-marignane-martigues-vitrolles',
  },
  {
    id: 'ml-pays-arles',
    name: "Mission locale du Pays d'Arles",
    type: 'mission-locale',
    hub: 'arles-salon-berre',
  },
  { id: 'cap-emploi-13', name: 'Cap emploi 13', type: 'cap-emploi', hub: 'marseille-4-8-9-10-11-12' },
  { id: 'ccas-arles', name: "CCAS d'Arles", type: 'ccas', hub: 'arles-salon-berre' },
  { id: 'op-tremplin', name: 'Association Tremplin Provence', type: 'operator', hub: 'marseille-2-3' },
  { id: 'op-remobilisation', name: 'Atelier Remobilisation Sud', type: 'operator', hub: 'aix-gardanne' },
  {
    id: 'op-calanques',
    name: "Chantier d'insertion Calanques Avenir",
    type: 'operator',
    hub: 'marseille-4-8-9-10-11-12',
  },
  { id: 'op-pas-a-pas', name: 'Association Pas à Pas 13', type: 'operator', hub: 'marseille-15-16' },
  {
    id: 'op-nord-littoral',
    name: 'Régie de quartier Nord Littoral',
    type: 'operator',
    hub: 'marseille-13-14',
  },
  {
    id: 'op-etang',
    name: "Espace Insertion de l'Étang",
    type: 'operator',
    hub: 'istres-marignane-martigues-vitrolles',
  },
  { id: 'op-garlaban', name: 'Garlaban Emploi Solidaire', type: 'operator', hub: 'aubagne-la-ciotat' },
];

/** Which partners serve which pôle (by the pôle's area). */
const AREA: Record<string, { plie: string; ml: string; operators: string[] }> = {
  'marseille-1-5-6-7': {
    plie: 'plie-marseille',
    ml: 'ml-marseille',
    operators: ['op-tremplin', 'op-calanques'],
  },
  'marseille-2-3': { plie: 'plie-marseille', ml: 'ml-marseille', operators: ['op-tremplin', 'op-pas-a-pas'] },
  'marseille-4-8-9-10-11-12': {
    plie: 'plie-marseille',
    ml: 'ml-marseille',
    operators: ['op-calanques', 'op-tremplin'],
  },
  'marseille-13-14': {
    plie: 'plie-marseille',
    ml: 'ml-marseille',
    operators: ['op-nord-littoral', 'op-pas-a-pas'],
  },
  'marseille-15-16': {
    plie: 'plie-marseille',
    ml: 'ml-marseille',
    operators: ['op-pas-a-pas', 'op-nord-littoral'],
  },
  'aix-gardanne': { plie: 'plie-pays-aix', ml: 'ml-pays-aix', operators: ['op-remobilisation'] },
  'arles-salon-berre': { plie: 'plie-ouest-provence', ml: 'ml-pays-arles', operators: ['op-etang'] },
  'istres-marignane-martigues-vitrolles': {
    plie: 'plie-ouest-provence',
    ml: 'ml-ouest-provence',
    operators: ['op-etang'],
  },
  'aubagne-la-ciotat': {
    plie: 'plie-marseille',
    ml: 'ml-marseille',
    operators: ['op-garlaban', 'op-tremplin'],
  },
};

/** Poverty is concentrated: Marseille weighs more than its population, small towns less. */
function rsaWeight(c: GenCommune): number {
  if (c.code.startsWith('132')) return c.population * 2;
  return c.population * (c.population > 30_000 ? 1.1 : 0.6);
}

/** Pôles, communes, bodies and référents of the synthetic Bouches-du-Rhône. */
export function buildTerritory(rng: Rng, faker: Faker, today: string): GenTerritory {
  const config = readTerritoryFile(defaultTerritoryFile(DEPARTMENT));
  const hubs: GenHub[] = config.hubs.map((h) => ({ code: h.code, name: h.name, communes: h.communes }));
  const hubOf = new Map<string, string>();
  for (const h of hubs) for (const c of h.communes) hubOf.set(c, h.code);

  const official = require('@etalab/decoupage-administratif/data/communes.json') as OfficialCommune[];
  const communes: GenCommune[] = official
    .filter(
      (c) =>
        c.departement === DEPARTMENT &&
        c.code !== '13055' &&
        (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') &&
        hubOf.has(c.code),
    )
    .map((c) => ({
      code: c.code,
      name: c.nom,
      postalCode: c.codesPostaux?.[0] ?? '13000',
      hub: hubOf.get(c.code) as string,
      population: c.population ?? 500,
    }));

  const bodies: GenBody[] = [];
  for (const h of hubs) {
    bodies.push(
      { id: `mds-${h.code}`, name: `MDS ${h.name}`, type: 'mds', hub: h.code },
      { id: `la-${h.code}`, name: `Lieu d'accueil ${h.name}`, type: 'lieu-accueil', hub: h.code },
      { id: `ft-${h.code}`, name: `France Travail ${h.name}`, type: 'france-travail', hub: h.code },
      { id: `med-${h.code}`, name: `Équipe médicale du pôle ${h.name}`, type: 'medical-team', hub: h.code },
    );
  }
  bodies.push(...PARTNERS);
  const byId = new Map(bodies.map((b) => [b.id, b]));

  // Référents: a few per accompanying body; France Travail agencies have global support pairs.
  const referents: GenReferent[] = [];
  const activeReferents = new Map<string, GenReferent[]>();
  const todayDay = dayOf(today);
  let n = 0;
  for (const b of bodies) {
    if (b.type === 'medical-team' || b.type === 'lieu-accueil') continue;
    const count = b.type === 'mds' || b.type === 'france-travail' ? rng.int(4, 7) : rng.int(2, 4);
    const active: GenReferent[] = [];
    for (let i = 0; i < count; i++) {
      const sex = rng.chance(0.7) ? 'female' : 'male';
      const ended = i > 1 && rng.chance(0.15);
      const r: GenReferent = {
        id: `r-${++n}`,
        bodyId: b.id,
        lastName: faker.person.lastName(),
        firstName: faker.person.firstName(sex),
        globalSupportPair: b.type === 'france-travail' && i < 2,
        activeFrom: isoOf(todayDay - rng.int(800, 4000)),
        activeTo: ended ? isoOf(todayDay - rng.int(30, 400)) : null,
      };
      referents.push(r);
      if (!ended) active.push(r);
    }
    activeReferents.set(b.id, active);
  }

  const ofHub = new Map<string, HubBodies>();
  for (const h of hubs) {
    const area = AREA[h.code] ?? { plie: 'plie-marseille', ml: 'ml-marseille', operators: ['op-tremplin'] };
    ofHub.set(h.code, {
      mds: byId.get(`mds-${h.code}`) as GenBody,
      franceTravail: byId.get(`ft-${h.code}`) as GenBody,
      plie: byId.get(area.plie) as GenBody,
      missionLocale: byId.get(area.ml) as GenBody,
      operators: area.operators.map((id) => byId.get(id) as GenBody),
      capEmploi: byId.get('cap-emploi-13') as GenBody,
      ccas: h.code === 'arles-salon-berre' ? (byId.get('ccas-arles') as GenBody) : null,
    });
  }

  return {
    hubs,
    communes: new WeightedTable(communes, rsaWeight),
    bodies,
    referents,
    activeReferents,
    ofHub,
  };
}
