import type { Faker } from '@faker-js/faker';
import { addMonths, dayOf, isoOf, type Rng, workingDayFrom, workingDayUntil } from './random';
import type { GenBody, GenCommune, GenReferent, GenTerritory, HubBodies } from './territory';

export type Role = 'DEM' | 'CJT' | 'ENF' | 'AUT';
export type Pathway = 'professional' | 'socio-professional' | 'social';
export type Programme = 'accompagnement-global' | 'garantie-activite-departementale';

export interface GenRights {
  date: string;
  open: boolean;
  subjectToDuties: boolean;
}
export interface GenOrientation {
  date: string;
  pathway: Pathway;
  bodyId: string;
  programme: Programme | null;
}
export interface GenAssignment {
  referentId: string;
  from: string;
  to: string | null;
}
export interface GenAppointment {
  date: string;
  bodyId: string;
  purpose: 'orientation' | 'accompaniment' | 'contract' | 'other';
  status: 'planned' | 'seen' | 'noshow' | 'excused' | 'cancelled';
}
export interface GenContract {
  signedOn: string;
  start: string;
  end: string;
  weeklyHours: number;
  hoursRegime: 'standard' | 'reduced' | 'exempt';
}

export interface GenPerson {
  id: string;
  role: Role;
  sex: 'F' | 'M';
  nir: string | null;
  birthName: string;
  /** Usual name (a married name for some), as the history file's `lastName`. */
  lastName: string;
  firstName: string;
  birthDate: string;
  franceTravailId: string | null;
  rights: GenRights[];
  orientations: GenOrientation[];
  assignments: GenAssignment[];
  appointments: GenAppointment[];
  contracts: GenContract[];
}

export interface GenHousehold {
  /** 1-based, the order of generation. */
  index: number;
  claimNumber: string;
  matricule: string;
  claimDate: string;
  commune: GenCommune;
  familySituation: string;
  familySituationSince: string;
  address: { streetNumber: string; streetType: string; streetName: string };
  phone: string | null;
  phoneConsent: 'A' | 'R' | 'I' | null;
  email: string | null;
  emailConsent: 'A' | 'R' | 'I' | null;
  /** Current state of the household's file. */
  open: boolean;
  closedOn: string | null;
  closureReason: string | null;
  members: GenPerson[];
}

const STREET_TYPES: Record<string, string> = {
  Rue: 'RUE',
  Avenue: 'AV',
  Boulevard: 'BD',
  Allée: 'ALL',
  Place: 'PL',
  Impasse: 'IMP',
  Passage: 'PAS',
  Quai: 'QUAI',
  Chemin: 'CHE',
};
// Birth places in NIRs: the commune number within the département, or a country (99).
const COUNTRIES = ['350', '351', '352', '341', '397', '134', '139', '127', '208', '330', '109', '316'];
const OTHER_DEPARTMENTS = ['75', '84', '83', '30', '06', '69', '59', '2A', '93', '97'];

interface Spell {
  open: number;
  close: number | null;
}

/** Everything about the households, generated in one deterministic stream. */
export class HouseholdFactory {
  private personSeq = 0;
  private readonly today: number;
  private readonly nirBuckets = new Map<string, number>();

  constructor(
    private readonly rng: Rng,
    private readonly faker: Faker,
    private readonly territory: GenTerritory,
    today: string,
  ) {
    this.today = dayOf(today);
  }

  /** A household of at most `maxPersons` members. */
  next(index: number, maxPersons: number): GenHousehold {
    const { rng, faker } = this;
    const commune = this.territory.communes.pick(rng);
    const shape = rng.weighted([
      ['single', 44],
      ['singleParent', 26],
      ['couple', 9],
      ['coupleWithChildren', 21],
    ] as const);
    const couple = shape === 'couple' || shape === 'coupleWithChildren';
    let children =
      shape === 'singleParent' || shape === 'coupleWithChildren'
        ? rng.weighted([
            [1, 40],
            [2, 33],
            [3, 17],
            [4, 7],
            [5, 3],
          ] as const)
        : 0;
    const adults = couple && maxPersons >= 2 ? 2 : 1;
    children = Math.max(0, Math.min(children, maxPersons - adults));
    const withOther = adults + children < maxPersons && rng.chance(0.02);

    // Adults: the claimant (DEM) and the partner (CJT).
    const demSex: 'F' | 'M' =
      shape === 'singleParent' ? (rng.chance(0.85) ? 'F' : 'M') : rng.chance(0.52) ? 'M' : 'F';
    const demAge =
      children > 0 && rng.chance(0.12) ? rng.int(19, 24) : 25 + Math.floor(rng.next() ** 1.4 * 39);
    if (demAge < 25) children = Math.min(children, 2);
    const familyName = faker.person.lastName();
    const dem = this.person('DEM', demSex, familyName, this.birthDay(demAge));
    const members: GenPerson[] = [dem];
    let cjt: GenPerson | null = null;
    if (adults === 2) {
      const sex: 'F' | 'M' = rng.chance(0.95) ? (demSex === 'M' ? 'F' : 'M') : demSex;
      cjt = this.person(
        'CJT',
        sex,
        sex === 'F' && rng.chance(0.6) ? faker.person.lastName() : familyName,
        this.birthDay(Math.max(19, demAge + rng.int(-6, 6))),
      );
      // A married woman often uses her partner's name.
      if (cjt.sex === 'F' && cjt.birthName !== familyName && rng.chance(0.5)) cjt.lastName = familyName;
      members.push(cjt);
    }
    const mother = [dem, cjt].find((p) => p?.sex === 'F') ?? dem;
    const motherBirth = dayOf(mother.birthDate);
    for (let i = 0; i < children; i++) {
      // Born when the mother was 18 to 45, and dependent (under 20) today.
      const earliest = Math.max(motherBirth + 18 * 365, this.today - 20 * 365);
      const latest = Math.max(earliest, Math.min(this.today - 20, motherBirth + 45 * 365));
      const born = earliest + Math.floor(rng.next() * (latest - earliest + 1));
      members.push(this.person('ENF', rng.chance(0.5) ? 'F' : 'M', familyName, isoOf(born)));
    }
    if (withOther)
      members.push(
        this.person(
          'AUT',
          rng.chance(0.6) ? 'F' : 'M',
          faker.person.lastName(),
          this.birthDay(rng.int(55, 80)),
        ),
      );

    // Rights of the household: open spells, some closed and reopened.
    const spells = this.spells();
    for (const p of members) this.rightsOf(p, spells);
    for (const p of members) if (p.role === 'DEM' || p.role === 'CJT') this.pathwayOf(p, commune);

    const last = spells.at(-1) as Spell;
    const first = spells[0] as Spell;
    const street = faker.location.street();
    const [typeWord = 'Rue', ...rest] = street.split(' ');
    const phone = rng.chance(0.7) ? `06${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null;
    const email = rng.chance(0.45)
      ? `${dem.firstName}.${dem.lastName}${rng.int(1, 99)}@exemple.fr`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/[^a-z0-9.@]/g, '')
      : null;
    const consent = () =>
      rng.weighted([
        ['A', 80],
        ['R', 8],
        ['I', 12],
      ] as const);
    return {
      index,
      claimNumber: `131${String(index).padStart(8, '0')}`,
      matricule: String(1_000_000 + index),
      claimDate: isoOf(first.open - rng.int(10, 45)),
      commune,
      familySituation: couple
        ? rng.weighted([
            ['MAR', 45],
            ['PAC', 20],
            ['VIM', 35],
          ] as const)
        : rng.weighted([
            ['CEL', 60],
            ['DIV', 20],
            ['SEF', 15],
            ['VEU', 5],
          ] as const),
      familySituationSince: isoOf(first.open - rng.int(100, 4000)),
      address: {
        streetNumber: String(rng.int(1, 180)),
        streetType: STREET_TYPES[typeWord] ?? 'RUE',
        streetName: (STREET_TYPES[typeWord] ? rest.join(' ') : street).toUpperCase(),
      },
      phone,
      phoneConsent: phone ? consent() : null,
      email,
      emailConsent: email ? consent() : null,
      open: last.close === null,
      closedOn: last.close === null ? null : isoOf(last.close),
      closureReason:
        last.close === null
          ? null
          : rng.weighted([
              ['RFD', 50],
              ['ECH', 30],
              ['PCG', 10],
              ['MUT', 10],
            ] as const),
      members,
    };
  }

  private birthDay(age: number): string {
    return isoOf(this.today - age * 365 - this.rng.int(0, 364));
  }

  private person(role: Role, sex: 'F' | 'M', familyName: string, birthDate: string): GenPerson {
    const adult = role === 'DEM' || role === 'CJT';
    const firstName = this.faker.person.firstName(sex === 'F' ? 'female' : 'male');
    return {
      id: `p-${++this.personSeq}`,
      role,
      sex,
      nir: adult && this.rng.chance(0.6) ? this.nir(sex, birthDate) : null,
      birthName: familyName,
      lastName: familyName,
      firstName,
      birthDate,
      franceTravailId: null,
      rights: [],
      orientations: [],
      assignments: [],
      appointments: [],
      contracts: [],
    };
  }

  /** A plausible 13-character NIR, unique thanks to a counter per birth place and month. */
  private nir(sex: 'F' | 'M', birthDate: string): string {
    const { rng } = this;
    const yy = birthDate.slice(2, 4);
    const mm = birthDate.slice(5, 7);
    const where = rng.weighted([
      ['13', 55],
      ['99', 25],
      ['other', 20],
    ] as const);
    const dep = where === 'other' ? rng.pick(OTHER_DEPARTMENTS) : where;
    let place =
      dep === '99'
        ? rng.pick(COUNTRIES)
        : dep === '13'
          ? rng.chance(0.5)
            ? String(rng.int(201, 216))
            : String(rng.int(1, 119)).padStart(3, '0')
          : dep === '97'
            ? String(rng.int(101, 132))
            : String(rng.int(1, 300)).padStart(3, '0');
    for (;;) {
      const key = `${sex}${yy}${mm}${dep}${place}`;
      const order = (this.nirBuckets.get(key) ?? 0) + 1;
      if (order <= 999) {
        this.nirBuckets.set(key, order);
        return `${sex === 'M' ? '1' : '2'}${yy}${mm}${dep}${place}${String(order).padStart(3, '0')}`;
      }
      place = String((Number(place) % 999) + 1).padStart(3, '0');
    }
  }

  /** Open spells of the household: most start within the last 24 months, a quarter earlier. */
  private spells(): Spell[] {
    const { rng, today } = this;
    const spells: Spell[] = [];
    let open = workingDayUntil(rng.chance(0.75) ? today - rng.int(0, 729) : today - rng.int(730, 2500));
    for (let i = 0; i < 3; i++) {
      let close: number | null = rng.chance(0.3) ? workingDayFrom(open + rng.int(90, 540)) : null;
      if (close !== null && close >= today) close = null;
      spells.push({ open, close });
      if (close === null || !rng.chance(0.45)) break;
      const reopen = workingDayFrom(close + rng.int(60, 360));
      if (reopen > today) break;
      open = reopen;
    }
    return spells;
  }

  /** Rights lines: adults mostly subject to duties (some become so later), others never. */
  private rightsOf(p: GenPerson, spells: Spell[]) {
    const { rng, today } = this;
    const adult = p.role === 'DEM' || p.role === 'CJT';
    let subject = adult && rng.chance(0.86);
    const born = dayOf(p.birthDate);
    spells.forEach((s, i) => {
      const from = workingDayFrom(Math.max(s.open, born));
      if ((s.close !== null && from >= s.close) || from > today) return;
      // A reopening may come with another situation (duties or not).
      if (adult && i > 0 && rng.chance(0.1)) subject = !subject;
      p.rights.push({ date: isoOf(from), open: true, subjectToDuties: subject });
      const end = s.close ?? today;
      if (adult && end - from > 120) {
        // A change of situation while rights stay open (end of a majoration, a job, …).
        const change = workingDayFrom(from + rng.int(60, end - from - 30));
        if (change < end && change <= today && rng.chance(subject ? 0.05 : 0.35)) {
          subject = !subject;
          p.rights.push({ date: isoOf(change), open: true, subjectToDuties: subject });
        }
      }
      if (s.close !== null) p.rights.push({ date: isoOf(s.close), open: false, subjectToDuties: subject });
    });
  }

  /** Orientation, référent, appointments and contracts after each entry (INDICATORS.md rule). */
  private pathwayOf(p: GenPerson, commune: GenCommune) {
    const { rng } = this;
    const bodies = this.territory.ofHub.get(commune.hub);
    if (!bodies) return;
    let both = false;
    p.rights.forEach((r, i) => {
      const now = r.open && r.subjectToDuties;
      if (now && !both) {
        const end = p.rights.slice(i + 1).find((x) => !(x.open && x.subjectToDuties));
        this.spellPathway(p, dayOf(r.date), end ? dayOf(end.date) : null, bodies);
      }
      both = now;
    });
    if (p.orientations.some((o) => o.bodyId.startsWith('ft-')) && rng.chance(0.9))
      p.franceTravailId = String(rng.int(1_000_000, 9_999_999)).padStart(8, '0');
  }

  private spellPathway(p: GenPerson, entry: number, end: number | null, bodies: HubBodies) {
    const { rng, today } = this;
    const limit = Math.min(end ?? Number.POSITIVE_INFINITY, today);
    if (!rng.chance(0.8)) return;
    const delay = rng.weighted([
      [[5, 31], 50],
      [[32, 62], 32],
      [[63, 180], 18],
    ] as const);
    let oriented = workingDayFrom(entry + rng.int(delay[0], delay[1]));
    if (oriented >= limit) return;

    // Appointment to prepare the orientation, for some.
    if (rng.chance(0.3) && oriented - entry > 7) {
      p.appointments.push({
        date: isoOf(workingDayFrom(entry + rng.int(3, oriented - entry - 3))),
        bodyId: bodies.mds.id,
        purpose: 'orientation',
        status: rng.weighted([
          ['seen', 80],
          ['noshow', 12],
          ['excused', 8],
        ] as const),
      });
    }
    const age = (entry - dayOf(p.birthDate)) / 365.25;
    let pathway = rng.weighted([
      ['professional', 45],
      ['socio-professional', 25],
      ['social', 30],
    ] as const);
    for (let round = 0; round < 2; round++) {
      const { body, programme } = this.bodyFor(pathway, age, bodies);
      p.orientations.push({ date: isoOf(oriented), pathway, bodyId: body.id, programme });
      const reorientation = rng.chance(0.1) ? workingDayFrom(oriented + rng.int(120, 360)) : null;
      const stop = reorientation !== null && reorientation < limit ? reorientation : null;
      const until = Math.min(stop ?? Number.POSITIVE_INFINITY, end ?? Number.POSITIVE_INFINITY);
      this.follow(p, body, programme, oriented, until === Number.POSITIVE_INFINITY ? null : until);
      if (stop === null) break;
      oriented = stop;
      pathway = rng.pick(
        (['professional', 'socio-professional', 'social'] as const).filter((x) => x !== pathway),
      );
    }
  }

  private bodyFor(
    pathway: Pathway,
    age: number,
    b: HubBodies,
  ): { body: GenBody; programme: Programme | null } {
    const { rng } = this;
    if (pathway === 'professional') {
      return { body: b.franceTravail, programme: rng.chance(0.12) ? 'accompagnement-global' : null };
    }
    if (pathway === 'social') return { body: b.ccas && rng.chance(0.25) ? b.ccas : b.mds, programme: null };
    const body =
      age < 26 && rng.chance(0.7)
        ? b.missionLocale
        : rng.weighted([
            [b.plie, 40],
            [rng.pick(b.operators), 45],
            [b.capEmploi, 15],
          ] as const);
    return { body, programme: rng.chance(0.15) ? 'garantie-activite-departementale' : null };
  }

  /** Référent, appointments and contracts from an orientation until `end` (exclusive) or today. */
  private follow(
    p: GenPerson,
    body: GenBody,
    programme: Programme | null,
    oriented: number,
    end: number | null,
  ) {
    const { rng, today } = this;
    const limit = Math.min(end ?? Number.POSITIVE_INFINITY, today);
    const pool = this.territory.activeReferents.get(body.id) ?? [];
    const pairs = pool.filter((r) => r.globalSupportPair);
    const referent: GenReferent | undefined =
      programme === 'accompagnement-global' && pairs.length
        ? rng.pick(pairs)
        : pool.length
          ? rng.pick(pool)
          : undefined;
    const assigned = workingDayFrom(oriented + rng.int(0, 21));
    if (referent && assigned < limit) {
      p.assignments.push({
        referentId: referent.id,
        from: isoOf(assigned),
        to: end !== null ? isoOf(Math.max(assigned, end)) : null,
      });
    }

    // First accompaniment appointment: two weeks at most for a majority, then a monthly rhythm.
    let date = workingDayFrom(oriented + (rng.chance(0.6) ? rng.int(2, 14) : rng.int(15, 60)));
    const count = rng.int(1, 6);
    for (let i = 0; i < count && date < (end ?? today + 45); i++) {
      const status =
        date > today
          ? 'planned'
          : rng.weighted([
              ['seen', 72],
              ['noshow', 12],
              ['excused', 8],
              ['cancelled', 8],
            ] as const);
      p.appointments.push({ date: isoOf(date), bodyId: body.id, purpose: 'accompaniment', status });
      date = workingDayFrom(date + rng.int(20, 45));
    }

    // Contracts of engagement: most signed within two months, renewed while the spell lasts.
    if (!rng.chance(0.72)) return;
    let signed = workingDayFrom(oriented + (rng.chance(0.6) ? rng.int(7, 55) : rng.int(56, 120)));
    let start = signed;
    for (let i = 0; i < 3 && signed < limit; i++) {
      const regime = rng.weighted([
        ['standard', 82],
        ['reduced', 12],
        ['exempt', 6],
      ] as const);
      const months = rng.chance(0.7) ? 6 : 12;
      const endOfContract = addMonths(start, months) - 1;
      p.contracts.push({
        signedOn: isoOf(signed),
        start: isoOf(start),
        end: isoOf(endOfContract),
        weeklyHours: regime === 'standard' ? 15 : regime === 'reduced' ? rng.int(5, 14) : 0,
        hoursRegime: regime,
      });
      if (rng.chance(0.3)) {
        p.appointments.push({ date: isoOf(signed), bodyId: body.id, purpose: 'contract', status: 'seen' });
      }
      // The renewal is signed in the last days of the contract and follows it.
      signed = workingDayUntil(endOfContract - rng.int(0, 10));
      start = endOfContract + 1;
    }
  }
}
