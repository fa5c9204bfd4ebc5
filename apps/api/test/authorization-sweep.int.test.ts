import { createHash } from 'node:crypto';
import { aidKinds, hasPermission, type Permission, type Role, structureKinds } from '@parcours/contracts';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { DEMO_PASSWORD } from '../src/demo/load-demo';
import { createAccount } from '../src/modules/access/application/accounts';
import type { RegisteredRoute } from '../src/platform/http/access';
import { cafSweepGetFixtures, cafSweepMutations, seedCafSweep } from './support/caf-fixtures';
import { epSweepGets, epSweepMutations } from './support/ep-fixtures';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import {
  daysAgo,
  fixtureLines,
  importLines,
  personIdOf,
  RawClient,
  structureIdOf,
} from './support/orientation-fixtures';
import { sanctionLetterSweepGets } from './support/sanction-letter-fixtures';
import {
  seedSweepSas,
  sweepSasGets,
  sweepSasMutations,
  sweepSasSessionMutations,
} from './support/sas-fixtures';
import {
  allMarkers,
  type DataKind,
  type Marker,
  type PersonKey,
  type SweepAccount,
  type SweepWorld,
  seedSweep,
  sweepAccounts,
} from './support/sweep-fixtures';

/**
 * The authorization sweep (issue 8, "Must work" 9). Markers sit in every personal field of persons
 * in and out of each account's scope; every registered GET route and export is called by every
 * account and each marker may come out only where the POLICY below allows it. Every state-changing
 * route is called on targets out of the caller's scope: 403 or 404, and nothing changed.
 * A route the sweep has no fixture for fails the test: new routes are swept, never skipped.
 */

/** What each role may read of a person IN its scope. Out of scope: nothing, for every role. */
const POLICY: Record<Role, readonly DataKind[]> = {
  administrator: ['identity', 'nir', 'address', 'contact', 'diagnosis', 'letter', 'document'],
  orientation_advisor: ['identity', 'nir', 'address', 'contact', 'diagnosis', 'letter', 'document'],
  referent: ['identity', 'address', 'contact', 'diagnosis', 'letter', 'document'],
  structure_manager: ['identity', 'address', 'contact', 'diagnosis', 'letter', 'document'],
  // Issue 12: an operator sees only the persons referred to its actions, with the minimum data
  // (names, birth date, commune; phone and e-mail when consented), never the file.
  operator: ['identity', 'contact'],
  ep_secretariat: ['identity', 'address', 'contact', 'diagnosis', 'letter', 'document'],
  // Health data: the medical team of the person's pôle, and nobody else (not even the administrator).
  medical_team: ['identity', 'address', 'contact', 'diagnosis', 'medical', 'letter'],
  aids_manager: ['identity', 'address', 'contact', 'letter'],
  steering: [],
  beneficiary: ['identity', 'address', 'contact', 'letter', 'document'],
};

/** Written in the medical records of the first part only: it must come out of no other door. */
const MARKER = 'ZXQSECRETMEDICAL7731';
const today = daysAgo(0);

/** Documents read once: the same letter downloaded by ten accounts is parsed once. */
const parsed = new Map<string, Promise<string>>();

/** Every text a person could read in an answer: JSON or text as is, PDF text, spreadsheet cells. */
function readableText(type: string, bytes: Buffer): Promise<string> {
  if (!type.includes('application/pdf') && !type.includes('spreadsheetml'))
    return Promise.resolve(bytes.toString('utf8'));
  const key = createHash('sha256').update(type).update(bytes).digest('hex');
  let text = parsed.get(key);
  if (!text) {
    text = parseDocument(type, bytes);
    parsed.set(key, text);
  }
  return text;
}

async function parseDocument(type: string, bytes: Buffer): Promise<string> {
  if (type.includes('application/pdf')) {
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    try {
      return (await parser.getText()).text;
    } finally {
      await parser.destroy();
    }
  }
  if (type.includes('spreadsheetml')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => {
      cells.push(sheet.name);
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(cell.text ?? String(cell.value ?? ''));
        });
      });
    });
    return cells.join('\n');
  }
  return bytes.toString('utf8');
}

// ---- GET fixtures: the paths to call for each registered GET route ---------------------------------

type Paths = (w: SweepWorld) => string[];
const ids = <T extends string>(o: Partial<Record<PersonKey, T>>) =>
  // dep2 is dep's twin in département 84: one of them is enough for reads.
  (Object.entries(o) as [PersonKey, string][]).filter(([k]) => k !== 'dep2').map(([, v]) => v);
const fill = (url: string, values: string[]) => values.map((v) => url.replace(/:\w+/, v));
const plain: Paths = () => [];

/**
 * Keyed by route URL. An entry lists the paths to call (the URL itself is always called when it
 * has no parameter). Documentation routes (`/api/docs…`) carry no personal data and are not listed.
 */
const GET_FIXTURES: Record<string, Paths> = {
  '/health': plain,
  '/ready': plain,
  '/api/auth/config': plain,
  '/api/auth/session': plain,
  '/api/auth/oidc/login': plain,
  '/api/auth/oidc/callback': () => ['/api/auth/oidc/callback?code=balayage&state=balayage'],
  '/api/admin/accounts': () => ['/api/admin/accounts?role=orientation_advisor'],
  '/api/admin/accounts/:id': (w) =>
    fill('/api/admin/accounts/:id', [
      w.accounts['orientation@parcours.test']!,
      w.accounts['beneficiaire@parcours.test']!,
      w.foreignAccount,
    ]),
  '/api/admin/audit': (w) => [
    '/api/admin/audit?limit=500',
    ...ids(w.persons).map((id) => `/api/admin/audit?personId=${id}&limit=500`),
  ],
  '/api/admin/audit/export.csv': (w) =>
    ids(w.persons).map((id) => `/api/admin/audit/export.csv?personId=${id}`),
  '/api/persons/:id/access-journal': (w) => fill('/api/persons/:id/access-journal', ids(w.persons)),
  '/api/admin/jobs': () => ['/api/admin/jobs?status=failed'],
  '/api/territory/hubs': plain,
  '/api/territory/communes': (w) => [`/api/territory/communes?hubId=${w.hubs.dep}`],
  '/api/territory/communes/:inseeCode/move-preview': (w) => [
    `/api/territory/communes/13203/move-preview?hubId=${w.hubs.m23}`,
    `/api/territory/communes/${w.foreignCommune}/move-preview?hubId=${w.hubs.m23}`,
  ],
  '/api/territory/structures': plain,
  '/api/territory/structures/:id': (w) => fill('/api/territory/structures/:id', Object.values(w.structures)),
  '/api/flux/runs': plain,
  '/api/flux/runs/:id': (w) => [`/api/flux/runs/${w.fluxRun}`],
  // Public, answered from memory: an unknown token.
  '/api/flux/progress/:token': () => [`/api/flux/progress/${'b'.repeat(32)}`],
  // By birth name and NIR (the NIR is a search key only for the roles that see it).
  '/api/persons/search': () =>
    allMarkers
      .filter((m) => m.person && m.person !== 'dep2' && /^(zqbirth|\d)/.test(m.value))
      .map((m) => `/api/persons/search?q=${encodeURIComponent(m.value)}`),
  '/api/persons/:id': (w) => fill('/api/persons/:id', ids(w.persons)),
  '/api/duplicates': () => ['open', 'linked', 'dismissed'].map((s) => `/api/duplicates?status=${s}`),
  '/api/france-travail/registrations': () =>
    ['pending', 'exported', 'registered', 'rejected'].map(
      (s) => `/api/france-travail/registrations?state=${s}`,
    ),
  '/api/france-travail/batches': plain,
  '/api/france-travail/batches/:id/export.csv': (w) => [
    `/api/france-travail/batches/${w.ftBatch}/export.csv`,
  ],
  '/api/admin/history-imports': plain,
  '/api/agenda/slots': (w) =>
    Object.values(w.hubs).map((h) => `/api/agenda/slots?hubId=${h}&from=${daysAgo(30)}&to=${daysAgo(-60)}`),
  '/api/agenda/advisors': plain,
  '/api/agenda/slots/:id': (w) => fill('/api/agenda/slots/:id', Object.values(w.slots)),
  // The day of the swept slots, for each pôle (the pôle is chosen by département roles only).
  '/api/agenda/day': (w) =>
    Object.values(w.hubs).map((h) => `/api/agenda/day?date=${daysAgo(-6)}&hubId=${h}`),
  '/api/agenda/day/attendance-sheet.pdf': (w) =>
    Object.values(w.hubs).map((h) => `/api/agenda/day/attendance-sheet.pdf?date=${daysAgo(-6)}&hubId=${h}`),
  '/api/worklist': plain,
  // The beneficiary's own space: the overview reads only the signed-in person's file.
  '/api/space/overview': plain,
  '/api/persons/:id/appointment-notices': (w) => fill('/api/persons/:id/appointment-notices', ids(w.persons)),
  '/api/accompaniment/assignment-structures': plain,
  '/api/accompaniment/assignment-inbox': (w) =>
    Object.values(w.structures).map((s) => `/api/accompaniment/assignment-inbox?structureId=${s}`),
  '/api/accompaniment/portfolio-caps': plain,
  // Portfolios and alerts: the reader's own, then each structure's (chosen by the administrator).
  '/api/portfolio': (w) => [
    '/api/portfolio',
    ...Object.values(w.structures).map((s) => `/api/portfolio?structureId=${s}`),
  ],
  '/api/portfolio.xlsx': (w) => [
    '/api/portfolio.xlsx',
    ...Object.values(w.structures).map((s) => `/api/portfolio.xlsx?structureId=${s}`),
  ],
  '/api/alerts': (w) => [
    '/api/alerts',
    ...Object.values(w.structures).map((s) => `/api/alerts?structureId=${s}`),
  ],
  '/api/me/alert-digest': plain,
  '/api/persons/:id/referents': (w) => fill('/api/persons/:id/referents', ids(w.persons)),
  '/api/persons/:id/appointments': (w) => fill('/api/persons/:id/appointments', ids(w.persons)),
  '/api/persons/:id/coordinates': (w) => fill('/api/persons/:id/coordinates', ids(w.persons)),
  '/api/persons/:id/documents': (w) => fill('/api/persons/:id/documents', ids(w.persons)),
  '/api/persons/:id/contracts': (w) => fill('/api/persons/:id/contracts', ids(w.persons)),
  '/api/contracts/:id': (w) => fill('/api/contracts/:id', ids(w.contracts)),
  // The PDF prints the person's identity and address: shown only within scope.
  '/api/contracts/:id/versions/:number/pdf': (w) =>
    ids(w.contracts).map((id) => `/api/contracts/${id}/versions/1/pdf`),
  // Each document through its person, and through another person (in scope or not): never found.
  '/api/persons/:id/documents/:documentId': (w) =>
    (Object.entries(w.documents) as [PersonKey, string][]).flatMap(([p, doc]) => [
      `/api/persons/${w.persons[p]}/documents/${doc}`,
      `/api/persons/${w.persons[p === 'in' ? 'str' : 'in']}/documents/${doc}`,
    ]),
  '/api/persons/:id/immersions': (w) => fill('/api/persons/:id/immersions', ids(w.persons)),
  '/api/immersions/:immersionId': (w) => fill('/api/immersions/:immersionId', ids(w.immersions)),
  // The convention's PDF names the person (no NIR, commune only): within scope only.
  '/api/immersions/:immersionId/pdf': (w) => ids(w.immersions).map((id) => `/api/immersions/${id}/pdf`),
  '/api/immersion-limits': plain,
  '/api/messaging/templates': plain,
  '/api/messaging/templates/:id': (w) => fill('/api/messaging/templates/:id', Object.values(w.templates)),
  '/api/messaging/batches/:id/letters.pdf': (w) =>
    fill('/api/messaging/batches/:id/letters.pdf', Object.values(w.messageBatches)),
  '/api/messaging/batches': () => [
    '/api/messaging/batches?status=prepared',
    '/api/messaging/batches?status=posted',
  ],
  '/api/messaging/batches/:id': (w) => fill('/api/messaging/batches/:id', Object.values(w.messageBatches)),
  '/api/messaging/convocation-delays': plain,
  // Fiches de liaison (issue 12): the référent's side and the operator portal.
  '/api/persons/:id/referrals': (w) => fill('/api/persons/:id/referrals', ids(w.persons)),
  '/api/referrals/delays': plain,
  '/api/sanction-rules': plain,
  // Failures to examine: the reader's scope, then each pôle (chosen by département roles only).
  '/api/sanctions/failures': (w) => [
    '/api/sanctions/failures',
    ...Object.values(w.hubs).map((h) => `/api/sanctions/failures?hubId=${h}`),
  ],
  '/api/persons/:id/sanctions': (w) => fill('/api/persons/:id/sanctions', ids(w.persons)),
  ...cafSweepGetFixtures,
  ...sweepSasGets,
  ...epSweepGets,
  ...sanctionLetterSweepGets,
  '/api/operator/referrals': (w) => [
    `/api/operator/referrals?actionId=${w.offerActions.atelier}`,
    `/api/operator/referrals?status=sent&actionId=${w.offerActions.tremplin}`,
  ],
  '/api/operator/actions': plain,
  '/api/operator/referrals/:id': (w) => fill('/api/operator/referrals/:id', ids(w.offerReferrals)),
  '/api/messaging/letters-to-post.pdf': plain,
  '/api/messaging/messages/:id/letter.pdf': (w) =>
    fill('/api/messaging/messages/:id/letter.pdf', ids(w.letters)),
  '/api/persons/:id/messages': (w) => fill('/api/persons/:id/messages', ids(w.persons)),
  '/api/reference/diagnostic': plain,
  '/api/persons/:id/diagnoses': (w) => fill('/api/persons/:id/diagnoses', ids(w.persons)),
  '/api/persons/:id/orientation': (w) => fill('/api/persons/:id/orientation', ids(w.persons)),
  '/api/orientations/:id/letter.pdf': (w) => fill('/api/orientations/:id/letter.pdf', ids(w.orientations)),
  '/api/medical/referrals': () => ['/api/medical/referrals?status=all'],
  '/api/medical/referrals/:id': (w) => fill('/api/medical/referrals/:id', ids(w.referrals)),
  '/api/orientation/queue': (w) =>
    Object.values(w.hubs).map((h) => `/api/orientation/queue?hubId=${h}&pageSize=500`),
  '/api/orientation/queue.xlsx': (w) =>
    Object.values(w.hubs).map((h) => `/api/orientation/queue.xlsx?hubId=${h}`),
  // Open data of the catalogue (public, no personal data): the markers must not come out.
  '/api/open-data/data-inclusion/structures.json': plain,
  '/api/open-data/data-inclusion/services.json': plain,
  // The catalogue (issue 12): no personal data; every agent reads it.
  '/api/catalogue/filters': plain,
  '/api/catalogue/actions': () => [
    '/api/catalogue/actions?q=zqbirthhubq',
    '/api/catalogue/actions?communeCode=13203&freeOnly=true&includeCancelled=true',
  ],
  '/api/catalogue/actions/:id': (w) => fill('/api/catalogue/actions/:id', Object.values(w.offerActions)),
  // Budgets of the offer and the annex (issue 12): steering and administrators; no personal data.
  '/api/offer/budgets': () => ['/api/offer/budgets', '/api/offer/budgets?year=2020'],
  '/api/offer/budgets/inconsistencies': () => ['/api/offer/budgets/inconsistencies?year=2020'],
  // Budget consumption (issue 13): aggregates only (amounts, counts of referrals), never a person.
  '/api/offer/budgets/consumption': () => [
    '/api/offer/budgets/consumption',
    `/api/offer/budgets/consumption?from=2020&to=${today.slice(0, 4)}`,
  ],
  '/api/offer/annex.xlsx': () => ['/api/offer/annex.xlsx?year=2020'],
  // The convention's indicator table (issue 13): steering and administrators; no personal data.
  '/api/convention/table': () => ['/api/convention/table?year=2020'],
  '/api/convention/table.xlsx': () => ['/api/convention/table.xlsx?year=2020'],
  '/api/convention/values/:id/history': () => [`/api/convention/values/${UNKNOWN_ID}/history`],
  // DREES statistics (issue 13): masked counts of the département, never a person.
  '/api/statistics/drees': () => ['/api/statistics/drees', `/api/statistics/drees?on=${today}`],
  '/api/statistics/drees.xlsx': () => [`/api/statistics/drees.xlsx?on=${today}`],
  // Sanction counts per month, regime and outcome (issue 14): aggregates only.
  '/api/sanctions/statistics': () => [`/api/sanctions/statistics?from=2024-01-01&to=${today}`],
  // Plan Pauvreté indicators (issue 13): counts for steering; the persons behind them, within scope.
  '/api/indicators/plan-pauvrete': (w) => [
    `/api/indicators/plan-pauvrete?from=2020-01-01&to=${today}`,
    `/api/indicators/plan-pauvrete?from=2020-01-01&to=${today}&hub=${w.hubs.aix}`,
  ],
  '/api/indicators/plan-pauvrete/persons': (w) =>
    ['newEntrants', 'newEntrantsOriented', 'firstContracts', 'activityGuaranteeInProgress'].flatMap((i) => [
      `/api/indicators/plan-pauvrete/persons?from=2020-01-01&to=${today}&indicator=${i}`,
      `/api/indicators/plan-pauvrete/persons?from=2020-01-01&to=${today}&indicator=${i}&hub=${w.hubs.m23}`,
    ]),
  // Individual aids: a person's, the aids manager's queue (the département), envelopes, orders.
  '/api/persons/:id/aids': (w) => fill('/api/persons/:id/aids', ids(w.persons)),
  '/api/aids': () => ['/api/aids?status=all'],
  '/api/aids/envelopes': () => [`/api/aids/envelopes?year=${today.slice(0, 4)}`],
  '/api/aids/ceilings': plain,
  '/api/aids/payment-orders': plain,
  '/api/aids/payment-orders/:id': (w) =>
    fill('/api/aids/payment-orders/:id', [w.aidOrders.own, w.aidOrders.dep]),
  '/api/aids/payment-orders/:id/export.csv': (w) =>
    fill('/api/aids/payment-orders/:id/export.csv', [w.aidOrders.own, w.aidOrders.dep]),
  // The steering dashboard (issue 13): counts only, for the département, a pôle or a structure.
  '/api/dashboards/steering': (w) => [
    `/api/dashboards/steering?from=2020-01-01&to=${today}`,
    `/api/dashboards/steering?from=2020-01-01&to=${today}&hub=${w.hubs.aix}`,
    ...Object.values(w.structures).map(
      (s) => `/api/dashboards/steering?from=2020-01-01&to=${today}&structure=${s}`,
    ),
  ],
  '/*': (w) => ['/personnes', `/equipe-medicale/${w.referrals.mp}`],
};

/** The journal's routes show what agents typed (search queries), as the trail recorded it. */
const journalRoutes = new Set([
  '/api/admin/audit',
  '/api/admin/audit/export.csv',
  '/api/persons/:id/access-journal',
]);

/** Every path of a GET route; a route without fixtures answers null (and fails the sweep). */
function getPaths(url: string, w: SweepWorld): string[] | null {
  const fixture = GET_FIXTURES[url];
  if (!fixture) return null;
  const paths = fixture(w);
  if (url.includes(':') || url === '/*') return paths;
  // Also with the generic query of the first sweep: out-of-scope ids and markers as filters.
  const generic = (q: string, p: PersonKey) =>
    `${url}?q=${q}&search=${q}&status=all&personId=${w.persons[p]}` +
    `&referralId=${w.referrals[p]}&hubId=${w.hubs.aix}`;
  return [url, ...paths, generic(MARKER, 'mp'), generic('zqbirthhubq', 'hub')];
}

// ---- Mutation fixtures: the out-of-scope calls of each state-changing route ---------------------------

interface Call {
  path: string;
  body?: unknown;
  raw?: { data: string; type: string };
}
type Mutation =
  /** Not called, with the reason (public entry points, the caller's own session). */
  | { skip: string }
  /**
   * Acts on the caller's own département as a whole (imports, batches, verification): no target
   * can be out of scope, so only the roles without the permission call it (403, nothing changed).
   */
  | { whole: Permission; call: (w: SweepWorld) => Call }
  /** Out-of-scope targets for this account (none: not called by it). */
  | { calls: (w: SweepWorld, a: SweepAccount, db: Versions) => Promise<Call[]> | Call[]; accept?: number[] };

/** Current versions read from the database, so a refusal is never a stale-version 409. */
interface Versions {
  of(
    table:
      | 'appointment'
      | 'medical_referral'
      | 'duplicate_suspect'
      | 'agenda_slot'
      | 'account'
      | 'insertion_hub'
      | 'structure'
      | 'message_template',
    id: string,
  ): Promise<number>;
}

/** An id of no action nor session of the département (the catalogue's mutations). */
const UNKNOWN_ID = '00000000-0000-4000-8000-0000000000cc';
/** A référent id no one has: the person checks refuse first. */
const SWEEP_REFERENT = '00000000-0000-4000-8000-0000000000aa';
const outOf = (a: SweepAccount, from: Partial<Record<PersonKey, string>>) =>
  (Object.entries(from) as [PersonKey, string][]).filter(([p]) => !a.scope.includes(p)).map(([, id]) => id);
const ownSlot = (w: SweepWorld, a: SweepAccount) => (a.email.includes('.aix@') ? w.slots.aix : w.slots.m23);
/** Slots in an account's scope: its pôle's (the administrator sees every pôle of the département). */
const slotScope = (w: SweepWorld, a: SweepAccount): string[] =>
  a.role === 'administrator'
    ? [w.slots.m23, w.slots.aix]
    : a.role === 'orientation_advisor' || a.role === 'ep_secretariat' || a.role === 'medical_team'
      ? [a.email.includes('.aix@') ? w.slots.aix : w.slots.m23]
      : [];
const dupScope = (w: SweepWorld) =>
  [
    [w.duplicates.m23, ['in', 'str']],
    [w.duplicates.aix, ['hub', 'twin']],
    [w.duplicates.dep, ['dep', 'dep2']],
  ] as const;
const coordinatesBody = {
  version: 1,
  source: 'agent',
  phone: '06 99 99 99 99',
  smsConsent: 'A',
  smsConsentOn: today,
  email: null,
  emailConsent: 'I',
  emailConsentOn: null,
  address: {
    streetNumber: null,
    street: 'rue du Balayage',
    complement: null,
    locality: null,
    communeCode: '13203',
    postalCode: '13003',
  },
};
const immersionBody = {
  host: {
    name: 'Accueil balayage',
    siret: '73282932000074',
    address: '1 place du Balayage',
    tutorName: 'Tuteur',
    tutorFunction: 'Chef',
    tutorEmail: 'tuteur@balayage.test',
    tutorPhone: '0491000000',
  },
  objective: 'discover',
  romeCode: 'D1102',
  jobLabel: 'Boulanger',
  startDate: '2099-01-05',
  endDate: '2099-01-09',
  schedule: [{ day: 1, start: '09:00', end: '12:00' }],
  place: 'Fournil',
  tasks: 'Découverte',
};
const diagnosisBody = {
  diagnosedOn: today,
  employmentSituation: 'unavailable',
  obstacles: [{ themeId: 'sante', severity: 'light', comment: 'balayage' }],
};
const contractBody = {
  startDate: today,
  endDate: today,
  bodyCommitments: 'balayage',
  personCommitments: 'balayage',
  hoursRegime: 'standard',
  plan: [],
};

/** A case of a person out of scope: the person gate refuses before the case is looked up. */
const sanctionCaseCalls = (step: string, body: Record<string, unknown>) => ({
  calls: (w: SweepWorld, a: SweepAccount) =>
    outOf(a, w.persons).map((id) => ({
      path: `/api/persons/${id}/sanction-cases/${UNKNOWN_ID}/${step}`,
      body,
    })),
});

const MUTATIONS: Record<string, Mutation> = {
  ...cafSweepMutations,
  ...sweepSasMutations(today, UNKNOWN_ID),
  ...sweepSasSessionMutations(),
  ...epSweepMutations,
  'POST /api/persons/:id/sanction-failures': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/sanction-failures`,
        body: { kind: 'obligations_not_met', factsDate: today, facts: 'balayage' },
      })),
  },
  'POST /api/persons/:id/sanction-failures/:failureId/dismiss': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/sanction-failures/${UNKNOWN_ID}/dismiss`,
        body: { version: 1, reason: 'balayage' },
      })),
  },
  'POST /api/persons/:id/sanction-cases': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/sanction-cases`,
        body: { failureId: UNKNOWN_ID },
      })),
  },
  'POST /api/persons/:id/sanction-cases/:caseId/notice': sanctionCaseCalls('notice', {
    version: 1,
    sentOn: today,
  }),
  'POST /api/persons/:id/sanction-cases/:caseId/observations': sanctionCaseCalls('observations', {
    version: 1,
    receivedOn: today,
    mode: 'written',
    summary: 'balayage',
  }),
  'POST /api/persons/:id/sanction-cases/:caseId/decision': sanctionCaseCalls('decision', {
    version: 1,
    decidedOn: today,
    kind: 'no_sanction',
  }),
  'POST /api/persons/:id/sanction-cases/:caseId/notification': sanctionCaseCalls('notification', {
    version: 1,
    notifiedOn: today,
  }),
  'POST /api/persons/:id/sanction-cases/:caseId/end': sanctionCaseCalls('end', {
    version: 1,
    endedOn: today,
    reason: 'closed',
  }),
  'POST /api/persons/:id/sanction-cases/:caseId/cancel': sanctionCaseCalls('cancel', {
    version: 1,
    reason: 'balayage',
  }),
  'POST /api/auth/login': { skip: 'public: the login itself (tested in auth)' },
  'POST /api/auth/logout': { skip: 'the caller’s own session only' },
  'POST /api/auth/logout-all': { skip: 'the caller’s own sessions only' },
  'POST /api/auth/password/change': { skip: 'the caller’s own password only' },
  'PUT /api/me/alert-digest': { skip: 'the caller’s own account only (alerts-digest tests)' },
  'POST /api/auth/password-reset/request': {
    skip: 'public: answers the same for every address (auth tests)',
  },
  'POST /api/auth/password-reset/confirm': { skip: 'public: needs the token sent by e-mail (auth tests)' },
  'POST /api/space/auth/link': {
    skip: 'public: answers the same for every address (beneficiary-space tests)',
  },
  'POST /api/space/auth/link/confirm': {
    skip: 'public: needs the link sent by e-mail (beneficiary-space tests)',
  },
  'POST /api/space/auth/code': {
    skip: 'public: answers the same for every number (beneficiary-space tests)',
  },
  'POST /api/space/auth/code/confirm': {
    skip: 'public: needs the code sent by SMS (beneficiary-space tests)',
  },
  // The person's own account only: the roles without the space are refused.
  'POST /api/space/signature-code': {
    whole: 'beneficiary.space',
    call: () => ({ path: '/api/space/signature-code', body: { channel: 'email' } }),
  },
  // Opening a person's space creates their account: out-of-scope persons are refused.
  'POST /api/persons/:id/space': {
    calls: (w, a) =>
      outOf(a, w.persons).map((personId) => ({
        path: `/api/persons/${personId}/space`,
        body: { email: `espace.${personId.slice(0, 8)}@exemple.fr` },
      })),
  },
  'POST /api/space/appointments/:id/notice': {
    calls: (w, a) =>
      outOf(a, w.appointments).map((id) => ({
        path: `/api/space/appointments/${id}/notice`,
        body: { reason: 'balayage' },
      })),
  },
  'POST /api/messaging/callbacks/sms': {
    skip: 'public: authenticated by the provider’s secret (messaging tests)',
  },
  'POST /api/admin/accounts': {
    calls: (w) => [
      {
        path: '/api/admin/accounts',
        body: {
          email: 'intrus@parcours.test',
          displayName: 'Intrus',
          role: 'orientation_advisor',
          hubId: w.hubs.dep,
          structureId: null,
          password: null,
        },
      },
    ],
    // A pôle of another département is refused as an invalid scope (400) or unknown (404).
    accept: [400, 403, 404],
  },
  'PUT /api/admin/accounts/:id': {
    calls: async (w, _a, v) => [
      {
        path: `/api/admin/accounts/${w.foreignAccount}`,
        body: {
          displayName: 'Renommé',
          role: 'administrator',
          hubId: null,
          structureId: null,
          active: false,
          version: await v.of('account', w.foreignAccount),
        },
      },
    ],
  },
  'POST /api/admin/accounts/:id/unlock': {
    calls: (w) => [{ path: `/api/admin/accounts/${w.foreignAccount}/unlock` }],
  },
  'POST /api/admin/accounts/:id/revoke-sessions': {
    calls: (w) => [{ path: `/api/admin/accounts/${w.foreignAccount}/revoke-sessions` }],
  },
  'POST /api/admin/accounts/:id/send-reset': {
    calls: (w) => [{ path: `/api/admin/accounts/${w.foreignAccount}/send-reset` }],
  },
  'POST /api/admin/audit/verify': { whole: 'audit.read', call: () => ({ path: '/api/admin/audit/verify' }) },
  'POST /api/admin/jobs/:id/retry': { calls: (w) => [{ path: `/api/admin/jobs/${w.jobs.dep}/retry` }] },
  'PUT /api/territory/hubs/:id': {
    calls: async (w, _a, v) => [
      {
        path: `/api/territory/hubs/${w.hubs.dep}`,
        body: { name: 'Renommé', version: await v.of('insertion_hub', w.hubs.dep) },
      },
    ],
  },
  'PUT /api/territory/communes/:inseeCode/hub': {
    calls: (w) => [
      { path: `/api/territory/communes/${w.foreignCommune}/hub`, body: { hubId: w.hubs.m23 } },
      { path: '/api/territory/communes/13203/hub', body: { hubId: w.hubs.dep } },
    ],
    accept: [400, 403, 404],
  },
  'POST /api/territory/structures': {
    calls: (w) => [
      {
        path: '/api/territory/structures',
        body: {
          kind: 'mds',
          name: 'Structure intruse',
          hubId: w.hubs.dep,
          communeCode: null,
          address: null,
          email: null,
          phone: null,
          active: true,
        },
      },
    ],
    accept: [400, 403, 404],
  },
  'PUT /api/territory/structures/:id': {
    calls: async (w, _a, v) => [
      {
        path: `/api/territory/structures/${w.structures.dep}`,
        body: {
          kind: 'mds',
          name: 'Renommée',
          hubId: null,
          communeCode: null,
          address: null,
          email: null,
          phone: null,
          active: false,
          version: await v.of('structure', w.structures.dep),
        },
      },
    ],
  },
  'POST /api/flux/imports': {
    whole: 'flux.import',
    call: () => ({
      path: '/api/flux/imports?fileName=f.xml&format=xml',
      raw: { data: '<x/>', type: 'application/xml' },
    }),
  },
  'POST /api/duplicates/:id/decision': {
    calls: async (w, a, v) => {
      const calls: Call[] = [];
      for (const [id, pair] of dupScope(w)) {
        if (pair.some((p) => a.scope.includes(p))) continue;
        calls.push({
          path: `/api/duplicates/${id}/decision`,
          body: { decision: 'link', note: null, version: await v.of('duplicate_suspect', id) },
        });
      }
      return calls;
    },
  },
  'POST /api/france-travail/batches': {
    whole: 'ft.manage',
    call: () => ({ path: '/api/france-travail/batches' }),
  },
  'POST /api/france-travail/acknowledgements': {
    whole: 'ft.manage',
    call: () => ({ path: '/api/france-travail/acknowledgements', raw: { data: 'x;y\n', type: 'text/csv' } }),
  },
  'POST /api/admin/history-imports': {
    whole: 'history.import',
    call: () => ({
      path: '/api/admin/history-imports?fileName=h.ndjson',
      raw: { data: '{}\n', type: 'application/x-ndjson' },
    }),
  },
  'POST /api/agenda/slots': {
    calls: (w, a) => {
      // A slot in another pôle's advisor's name.
      const other = a.email.includes('.aix@') ? 'orientation@parcours.test' : 'orientation.aix@parcours.test';
      return [
        {
          path: '/api/agenda/slots',
          body: {
            kind: 'individual',
            purpose: 'orientation',
            date: daysAgo(-8),
            startTime: '10:00',
            durationMinutes: 30,
            place: 'Ailleurs',
            advisorAccountId: w.accounts[other],
            weeks: 1,
          },
        },
      ];
    },
    accept: [400, 403, 404],
  },
  'POST /api/agenda/slots/:id/cancel': {
    calls: async (w, a, v) => {
      const calls: Call[] = [];
      for (const id of Object.values(w.slots)) {
        if (slotScope(w, a).includes(id)) continue;
        calls.push({
          path: `/api/agenda/slots/${id}/cancel`,
          body: { reason: 'balayage', version: await v.of('agenda_slot', id) },
        });
      }
      return calls;
    },
  },
  'POST /api/appointments': {
    calls: (w, a) =>
      outOf(a, w.persons).map((personId) => ({
        path: '/api/appointments',
        body: { personId, slotId: ownSlot(w, a) },
      })),
  },
  'POST /api/appointments/:id/reschedule': {
    calls: async (w, a, v) =>
      Promise.all(
        outOf(a, w.appointments).map(async (id) => ({
          path: `/api/appointments/${id}/reschedule`,
          body: { slotId: ownSlot(w, a), reason: 'balayage', version: await v.of('appointment', id) },
        })),
      ),
  },
  'POST /api/appointments/:id/cancel': {
    calls: async (w, a, v) =>
      Promise.all(
        outOf(a, w.appointments).map(async (id) => ({
          path: `/api/appointments/${id}/cancel`,
          body: { reason: 'balayage', version: await v.of('appointment', id) },
        })),
      ),
  },
  'POST /api/appointments/:id/outcome': {
    calls: async (w, a, v) =>
      Promise.all(
        outOf(a, w.appointments).map(async (id) => ({
          path: `/api/appointments/${id}/outcome`,
          body: { status: 'noshow', reason: null, version: await v.of('appointment', id) },
        })),
      ),
  },
  'PUT /api/messaging/templates/:id': {
    calls: async (w, _a, v) => [
      {
        path: `/api/messaging/templates/${w.templates.dep}`,
        body: { subject: null, body: 'Réécrit', version: await v.of('message_template', w.templates.dep) },
      },
    ],
  },
  // Not a change, but a POST on a template: another département's must not be read through it.
  'POST /api/messaging/templates/:id/preview': {
    calls: (w) => [
      { path: `/api/messaging/templates/${w.templates.dep}/preview`, body: { subject: null, body: 'x' } },
    ],
  },
  // Another pôle's batch: its letters concern persons outside the advisor's scope.
  'POST /api/messaging/batches/:id/posted': {
    calls: (w, a) => [
      {
        path: `/api/messaging/batches/${a.scope.includes('hub') ? w.messageBatches.m23 : w.messageBatches.aix}/posted`,
        body: { version: 1 },
      },
    ],
  },
  'POST /api/messaging/messages/:id/cancel': {
    calls: (w, a) =>
      outOf(a, w.letters).map((id) => ({
        path: `/api/messaging/messages/${id}/cancel`,
        body: { version: 1 },
      })),
  },
  'POST /api/messaging/convocation-delays': {
    whole: 'rules.manage',
    call: () => ({
      path: '/api/messaging/convocation-delays',
      body: { effectiveFrom: today, letterDays: 1, emailHours: 1, smsHours: 1, source: 'balayage' },
    }),
  },
  'POST /api/accompaniment/portfolio-caps': {
    whole: 'rules.manage',
    call: () => ({
      path: '/api/accompaniment/portfolio-caps',
      body: {
        effectiveFrom: today,
        byKind: Object.fromEntries(structureKinds.map((k) => [k, 1])),
        globalSupportPair: 1,
        source: 'balayage',
      },
    }),
  },
  'POST /api/accompaniment/assignments': {
    calls: (w, a) => {
      const out = outOf(a, w.persons);
      return out.length
        ? [{ path: '/api/accompaniment/assignments', body: { referentId: SWEEP_REFERENT, personIds: out } }]
        : [];
    },
  },
  'POST /api/persons/:id/referent': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/referent`,
        body: { referentId: SWEEP_REFERENT, reason: 'balayage' },
      })),
  },
  'POST /api/orientation/convocations/preview': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: '/api/orientation/convocations/preview',
        body: { personIds: [id] },
      })),
  },
  'POST /api/messaging/messages/:id/retry': {
    calls: (w, a) => outOf(a, w.letters).map((id) => ({ path: `/api/messaging/messages/${id}/retry` })),
  },
  'PUT /api/persons/:id/coordinates': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({ path: `/api/persons/${id}/coordinates`, body: coordinatesBody })),
  },
  'POST /api/persons/:id/coordinates/conflicts/:conflictId': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/coordinates/conflicts/00000000-0000-4000-8000-000000000001`,
        body: { keep: 'flux', version: 1 },
      })),
  },
  'POST /api/persons/:id/documents': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/documents?kind=cv&fileName=balayage.pdf`,
        raw: { data: '%PDF-1.4 balayage', type: 'application/pdf' },
      })),
  },
  'POST /api/persons/:id/documents/:documentId/withdraw': {
    calls: (w, a) =>
      (Object.entries(w.documents) as [PersonKey, string][])
        .filter(([p]) => !a.scope.includes(p))
        .flatMap(([p, doc]) => [
          {
            path: `/api/persons/${w.persons[p]}/documents/${doc}/withdraw`,
            body: { reason: 'balayage', version: 1 },
          },
          // Through a person of the caller's scope: another person's document is not found.
          ...a.scope
            .filter((own) => own !== 'mp')
            .slice(0, 1)
            .map((own) => ({
              path: `/api/persons/${w.persons[own]}/documents/${doc}/withdraw`,
              body: { reason: 'balayage', version: 1 },
            })),
        ]),
  },
  'POST /api/persons/:id/contracts': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/contracts`,
        body: { content: contractBody, renewsContractId: null },
      })),
  },
  'PUT /api/contracts/:id/draft': {
    calls: (w, a) =>
      outOf(a, w.contracts).map((id) => ({
        path: `/api/contracts/${id}/draft`,
        body: { content: contractBody, version: 1 },
      })),
  },
  'POST /api/contracts/:id/transition': {
    calls: (w, a) =>
      outOf(a, w.contracts).map((id) => ({
        path: `/api/contracts/${id}/transition`,
        body: { to: 'ended', version: 1, reason: 'balayage' },
      })),
  },
  'POST /api/contracts/:id/sign': {
    calls: (w, a) =>
      outOf(a, w.contracts).map((id) => ({
        path: `/api/contracts/${id}/sign`,
        body: {
          party: 'agent',
          versionNumber: 1,
          contentHash: '0'.repeat(64),
          statementAccepted: false,
          version: 1,
        },
      })),
  },
  'POST /api/contracts/:id/amendments': {
    calls: (w, a) => outOf(a, w.contracts).map((id) => ({ path: `/api/contracts/${id}/amendments` })),
  },
  'POST /api/space/contracts/:id/sign': {
    calls: (w, a) =>
      outOf(a, w.contracts).map((id) => ({
        path: `/api/space/contracts/${id}/sign`,
        body: { versionNumber: 1, contentHash: '0'.repeat(64), code: '123456', statementAccepted: true },
      })),
  },
  'POST /api/persons/:id/immersions': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({ path: `/api/persons/${id}/immersions`, body: immersionBody })),
  },
  'PUT /api/immersions/:immersionId': {
    calls: (w, a) =>
      outOf(a, w.immersions).map((id) => ({
        path: `/api/immersions/${id}`,
        body: { version: 1, content: immersionBody },
      })),
  },
  'POST /api/immersions/:immersionId/transition': {
    calls: (w, a) =>
      outOf(a, w.immersions).map((id) => ({
        path: `/api/immersions/${id}/transition`,
        body: { to: 'cancelled', version: 1, reason: 'balayage' },
      })),
  },
  'POST /api/immersions/:immersionId/signatures': {
    calls: (w, a) =>
      outOf(a, w.immersions).map((id) => ({
        path: `/api/immersions/${id}/signatures`,
        body: { party: 'person', signerName: 'Balayage', version: 1 },
      })),
  },
  'POST /api/immersions/:immersionId/signature-links': {
    calls: (w, a) =>
      outOf(a, w.immersions).map((id) => ({
        path: `/api/immersions/${id}/signature-links`,
        body: { party: 'host', email: 'tuteur@balayage.test', version: 1 },
      })),
  },
  'POST /api/immersions/:immersionId/renewal': {
    calls: (w, a) =>
      outOf(a, w.immersions).map((id) => ({
        path: `/api/immersions/${id}/renewal`,
        body: { version: 1, startDate: '2099-02-01', endDate: '2099-02-05' },
      })),
  },
  'POST /api/immersions/:immersionId/assessment': {
    calls: (w, a) =>
      outOf(a, w.immersions).map((id) => ({
        path: `/api/immersions/${id}/assessment`,
        body: { version: 1, outcome: 'completed', jobOffer: false },
      })),
  },
  'POST /api/immersion-limits': {
    whole: 'rules.manage',
    call: () => ({
      path: '/api/immersion-limits',
      body: { effectiveFrom: '2099-01-01', maxCalendarDays: 20, maxWeeklyHours: 35, source: 'balayage' },
    }),
  },
  // Public (no account): an unknown link is refused (400) for everyone, nothing changed.
  'POST /api/public/immersion-signature': {
    calls: () => [{ path: '/api/public/immersion-signature', body: { token: 'b'.repeat(43) } }],
    accept: [400],
  },
  'POST /api/public/immersion-signature/sign': {
    calls: () => [
      {
        path: '/api/public/immersion-signature/sign',
        body: { token: 'b'.repeat(43), signerName: 'Balayage' },
      },
    ],
    accept: [400],
  },
  'POST /api/persons/:id/aids': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/aids`,
        body: {
          contractId: w.contracts.in,
          kind: 'travel',
          amountCents: 1_000,
          purpose: 'balayage',
          payeeKind: 'person',
        },
      })),
  },
  'POST /api/aids/:id/withdraw': {
    calls: (w, a) =>
      outOf(a, w.aids).map((id) => ({ path: `/api/aids/${id}/withdraw`, body: { version: 1 } })),
  },
  'POST /api/aids/:id/decision': {
    calls: (w, a) =>
      outOf(a, w.aids).map((id) => ({
        path: `/api/aids/${id}/decision`,
        body: { to: 'validated', version: 1 },
      })),
  },
  'PUT /api/aids/envelopes': {
    whole: 'aid.manage',
    call: (w) => ({
      path: '/api/aids/envelopes',
      body: {
        year: 2026,
        kind: 'travel',
        hubId: w.hubs.m23,
        amountCents: 1,
        reason: 'balayage',
        version: null,
      },
    }),
  },
  'POST /api/aids/ceilings': {
    whole: 'aid.manage',
    call: () => {
      const amounts = Object.fromEntries(aidKinds.map((k) => [k, 100]));
      return {
        path: '/api/aids/ceilings',
        body: { effectiveFrom: today, perAid: amounts, perPersonYear: amounts, source: 'balayage' },
      };
    },
  },
  'POST /api/aids/payment-orders': {
    whole: 'aid.manage',
    call: (w) => ({ path: '/api/aids/payment-orders', body: { hubId: null, aidIds: [w.aids.hub] } }),
  },
  // An order of département 84: unknown here, even to the aids manager.
  'POST /api/aids/payment-orders/:id/paid': {
    calls: (w) => [
      {
        path: `/api/aids/payment-orders/${w.aidOrders.dep}/paid`,
        body: { paidOn: today, paymentReference: 'balayage', aidIds: null },
      },
    ],
  },
  'POST /api/persons/:id/diagnoses': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({ path: `/api/persons/${id}/diagnoses`, body: diagnosisBody })),
  },
  'POST /api/persons/:id/orientations': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/orientations`,
        body: {
          pathway: 'social',
          structureId: a.email.includes('.aix@') ? w.structures.mdsAix : w.structures.mdsM23,
          decidedOn: today,
          overrideReason: 'balayage',
          reorientationReason: 'balayage',
          version: 1,
        },
      })),
  },
  'POST /api/persons/:id/referrals': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/referrals`,
        body: { actionId: w.offerActions.tremplin, message: 'balayage hors périmètre' },
      })),
  },
  'POST /api/referrals/:id/cancel': {
    calls: (w, a) =>
      outOf(a, w.offerReferrals).map((id) => ({
        path: `/api/referrals/${id}/cancel`,
        body: { version: 1, reason: 'balayage hors périmètre' },
      })),
  },
  'POST /api/referrals/delays': {
    whole: 'rules.manage',
    call: () => ({
      path: '/api/referrals/delays',
      body: { effectiveFrom: today, answerDays: 5, source: 'balayage' },
    }),
  },
  'POST /api/sanction-rules/regimes': {
    whole: 'rules.manage',
    call: () => ({
      path: '/api/sanction-rules/regimes',
      body: {
        effectiveFrom: today,
        regime: 'balayage',
        label: 'Régime de balayage',
        firstMinPercent: 30,
        firstMaxPercent: 100,
        firstMinMonths: 1,
        firstMaxMonths: 2,
        repeatedMinPercent: 30,
        repeatedMaxPercent: 100,
        repeatedMinMonths: 1,
        repeatedMaxMonths: 4,
        householdCapPercent: 50,
        capForSingleParentIncrease: true,
        repeatWindowMonths: 12,
        epOpinionRequiredForSanction: false,
        epOpinionRequiredForRemoval: true,
        removalAtEndOfSuspension: false,
        source: 'balayage',
      },
    }),
  },
  'POST /api/sanction-rules/practice': {
    whole: 'rules.manage',
    call: () => ({
      path: '/api/sanction-rules/practice',
      body: {
        effectiveFrom: today,
        applies: false,
        firstSuspensionMonths: 2,
        automaticReinstatement: true,
        secondSuspensionMonths: 3,
        removalAfterSecondSuspension: true,
        sasWeeks: 4,
        sasHalfDaysPerWeek: 3,
        source: 'balayage',
      },
    }),
  },
  ...Object.fromEntries(
    (
      [
        ['accept', { version: 1 }],
        ['refuse', { version: 1, reason: 'balayage' }],
        ['entry', { version: 1, enteredOn: today }],
        ['exit', { version: 1, exitedOn: today, exitCategory: 'positive', exitType: 'cdi' }],
        ['attendance', { day: today, presence: 'absent' }],
      ] as const
    ).map(([move, body]): [string, Mutation] => [
      `POST /api/operator/referrals/:id/${move}`,
      {
        calls: (w, a) =>
          outOf(a, w.offerReferrals).map((id) => ({ path: `/api/operator/referrals/${id}/${move}`, body })),
      },
    ]),
  ),
  'POST /api/persons/:id/medical-referrals': {
    calls: (w, a) =>
      outOf(a, w.persons).map((id) => ({
        path: `/api/persons/${id}/medical-referrals`,
        body: { reason: 'balayage hors périmètre' },
      })),
  },
  'POST /api/medical/referrals/:id/records': {
    calls: (w, a) =>
      outOf(a, w.referrals).map((id) => ({
        path: `/api/medical/referrals/${id}/records`,
        body: { kind: 'note', body: 'balayage' },
      })),
  },
  'POST /api/medical/referrals/:id/recommendation': {
    calls: async (w, a, v) =>
      Promise.all(
        outOf(a, w.referrals).map(async (id) => ({
          path: `/api/medical/referrals/${id}/recommendation`,
          body: {
            compatibleActions: 'balayage',
            carePathwayAdvised: false,
            recommendation: null,
            version: await v.of('medical_referral', id),
          },
        })),
      ),
  },
  'POST /api/orientation/convocations': {
    calls: (w, a) =>
      outOf(a, w.persons).flatMap((id) => [
        { path: '/api/orientation/convocations', body: { personIds: [id], nextIndividualSlots: true } },
        { path: '/api/orientation/convocations', body: { personIds: [id], slotId: ownSlot(w, a) } },
      ]),
  },
  // The catalogue (issue 12): administrators only; for them, an action or session that is not
  // the département's is unknown (404).
  'POST /api/catalogue/actions': {
    whole: 'offer.manage',
    call: () => ({
      path: '/api/catalogue/actions',
      body: { code: 'BAL-1', title: 'Balayage', axis: 3, kind: 'socle', status: 'nouvelle' },
    }),
  },
  'PUT /api/catalogue/actions/:id': {
    calls: () => [
      {
        path: `/api/catalogue/actions/${UNKNOWN_ID}`,
        body: { code: 'BAL-1', title: 'Balayage', axis: 3, kind: 'socle', status: 'nouvelle', version: 1 },
      },
    ],
  },
  'PUT /api/catalogue/actions/:id/operators': {
    calls: () => [
      { path: `/api/catalogue/actions/${UNKNOWN_ID}/operators`, body: { structureIds: [], version: 1 } },
    ],
  },
  'PUT /api/catalogue/actions/:id/territories': {
    calls: () => [
      { path: `/api/catalogue/actions/${UNKNOWN_ID}/territories`, body: { territories: [], version: 1 } },
    ],
  },
  'POST /api/catalogue/actions/:id/sessions': {
    calls: () => [
      {
        path: `/api/catalogue/actions/${UNKNOWN_ID}/sessions`,
        body: { label: 'Balayage', startsOn: '2099-01-05', endsOn: '2099-02-05', capacity: 3 },
      },
    ],
  },
  'PUT /api/catalogue/sessions/:id': {
    calls: () => [
      {
        path: `/api/catalogue/sessions/${UNKNOWN_ID}`,
        body: { label: 'Balayage', startsOn: '2099-01-05', endsOn: '2099-02-05', capacity: 3, version: 1 },
      },
    ],
  },
  'POST /api/catalogue/sessions/:id/cancel': {
    calls: () => [{ path: `/api/catalogue/sessions/${UNKNOWN_ID}/cancel`, body: { version: 1 } }],
  },
  // A budget typed by an administrator: for them, an action not of the département is unknown (404).
  'PUT /api/offer/actions/:id/budgets/:year': {
    calls: () => [
      {
        path: `/api/offer/actions/${UNKNOWN_ID}/budgets/2020`,
        body: { amountCents: 100, stateShareCents: 50, departmentShareCents: 50 },
      },
    ],
  },
  // A value of the convention's table: for the steering role, a value of no table of its département is unknown (404).
  'PUT /api/convention/values/:id': {
    calls: () => [
      { path: `/api/convention/values/${UNKNOWN_ID}`, body: { value: '1', comment: 'x', version: 1 } },
    ],
  },
};

/** Whether the route's access rule lets this role in at all (scope aside). */
function allows(role: Role, route: RegisteredRoute): boolean {
  const access = route.access;
  if (!access) return false;
  return 'public' in access || hasPermission(role, access.permission);
}

/** A fingerprint of every table but the traces a refusal legitimately leaves (audit rows, sessions). */
async function fingerprint(app: RunningApp): Promise<Map<string, string>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
    app.ctx.db,
  );
  const names = tables.rows
    .map((r) => r.table_name)
    .filter((t) => !t.startsWith('audit') && t !== 'session' && !t.includes('login'));
  // One round trip: each table hashed by the database itself.
  const rows = await sql<{ t: string; h: string | null }>`${sql.join(
    names.map(
      (t) =>
        sql`SELECT ${t}::text AS t, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${sql.table(t)} x`,
    ),
    sql` UNION ALL `,
  )}`.execute(app.ctx.db);
  return new Map(rows.rows.map((r) => [r.t, r.h ?? '']));
}

describe.each(engines)('authorization sweep (%s)', (engine) => {
  let app: RunningApp;
  let advisor: Client;
  let medical: Client;
  let personId: string;
  let orientationId: string;
  let referralId: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    await importLines(
      app,
      fixtureLines('mp-', [
        {
          key: 'h-1',
          members: [
            { key: 'p1', role: 'DEM', birthDate: '1978-09-09', firstName: 'Yasmine', birthName: 'Santé' },
          ],
          rights: [{ date: daysAgo(12), status: 'open', subjectToDuties: true }],
        },
      ]),
    );
    personId = await personIdOf(app, 'mp-p1');
    // A postal address: the decision letter (a PDF) exists and is read by the sweep.
    await app.ctx.db
      .updateTable('household')
      .set({
        street_number: '3',
        street_name: 'place Jules Guesde',
        postal_code: '13003',
        commune_name: 'Marseille',
      })
      .where('claim_number', '=', 'mp-h-1')
      .execute();
    const aix = await app.ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('code', '=', 'aix-gardanne')
      .executeTakeFirstOrThrow();
    await createAccount(
      app.ctx,
      null,
      {
        email: 'medical.aix@parcours.test',
        displayName: 'Dr Aix',
        role: 'medical_team',
        hubId: aix.id,
        structureId: null,
        password: DEMO_PASSWORD,
      },
      null,
    );
    // The beneficiary account is this person's (until the sweep's world takes it).
    await app.ctx.db
      .updateTable('account')
      .set({ person_id: personId })
      .where('email', '=', 'beneficiaire@parcours.test')
      .execute();
    advisor = await loggedIn(app, 'orientation@parcours.test');
    medical = await loggedIn(app, 'medical@parcours.test');
  });

  // ---- The medical team's workflow and health-data privacy (formerly medical-privacy.int.test.ts) ----

  it('runs from the advisor’s request to the recommendation, others seeing the recommendation only', async () => {
    const diag = await advisor.post(`/api/persons/${personId}/diagnoses`, {
      diagnosedOn: today,
      employmentSituation: 'unavailable',
      obstacles: [{ themeId: 'sante', severity: 'severe', comment: 'Déclare des difficultés de santé' }],
    });
    expect(diag.status).toBe(201);
    const decided = await advisor.post(`/api/persons/${personId}/orientations`, {
      pathway: 'health',
      structureId: await structureIdOf(app, 'Équipe médicale du pôle Marseille 2/3'),
      decidedOn: today,
    });
    expect(decided.status).toBe(201);
    orientationId = decided.body.orientation.id;
    expect(decided.body.letterMessageId).not.toBeNull();
    referralId = decided.body.medicalReferralId;

    // One request at a time; only the roles with medical.refer may ask.
    const again = await advisor.post(`/api/persons/${personId}/medical-referrals`, {
      reason: 'Avis sur les actions compatibles',
    });
    expect(again.status).toBe(409);
    const admin = await loggedIn(app, 'admin@parcours.test');
    expect((await admin.post(`/api/persons/${personId}/medical-referrals`, { reason: 'Essai' })).status).toBe(
      403,
    );

    const list = await medical.get('/api/medical/referrals');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: referralId,
        status: 'requested',
        person: expect.objectContaining({ id: personId }),
      }),
    ]);
    const other = await loggedIn(app, 'medical.aix@parcours.test');
    expect((await other.get('/api/medical/referrals?status=all')).body.items).toEqual([]);

    const first = await medical.post(`/api/medical/referrals/${referralId}/records`, {
      kind: 'diagnosis',
      body: `Diagnostic médical : ${MARKER} lombalgie chronique`,
    });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('in_progress');
    const note = await medical.post(`/api/medical/referrals/${referralId}/records`, {
      kind: 'note',
      body: `Note de suivi ${MARKER}`,
    });
    expect(note.body.records.map((r: { kind: string }) => r.kind)).toEqual(['diagnosis', 'note']);
    expect(
      (await other.post(`/api/medical/referrals/${referralId}/records`, { kind: 'note', body: 'x' })).status,
    ).toBe(403);

    const stale = await medical.post(`/api/medical/referrals/${referralId}/recommendation`, {
      compatibleActions: 'Ateliers collectifs, pas de port de charges lourdes',
      carePathwayAdvised: true,
      recommendation: 'Reprise progressive d’activité',
      version: 1,
    });
    expect(stale.status).toBe(409);
    const done = await medical.post(`/api/medical/referrals/${referralId}/recommendation`, {
      compatibleActions: 'Ateliers collectifs, pas de port de charges lourdes',
      carePathwayAdvised: true,
      recommendation: 'Reprise progressive d’activité',
      version: note.body.version,
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      recommendedOn: today,
      recommendedByName: 'Dr Élise Médecin',
    });

    const ws = (await advisor.get(`/api/persons/${personId}/orientation`)).body;
    expect(ws.medical).toEqual([
      {
        referralId,
        status: 'completed',
        requestedOn: today,
        requestReason: expect.any(String),
        compatibleActions: 'Ateliers collectifs, pas de port de charges lourdes',
        carePathwayAdvised: true,
        recommendation: 'Reprise progressive d’activité',
        recommendedOn: today,
      },
    ]);
    const events = await app.ctx.db
      .selectFrom('timeline_event')
      .select('data')
      .where('person_id', '=', personId)
      .where('type', '=', 'medical_referral')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.data)).toEqual([
      { referralId, status: 'requested' },
      { referralId, status: 'completed' },
    ]);
  });

  it('audits every reading of health data, and refusals', async () => {
    const other = await loggedIn(app, 'medical.aix@parcours.test');
    expect((await other.get(`/api/medical/referrals/${referralId}`)).status).toBe(403);
    const read = await medical.get(`/api/medical/referrals/${referralId}`);
    expect(read.status).toBe(200);
    // Positive control: the marker is there for the medical team of the pôle.
    expect(read.text).toContain(MARKER);
    const traces = await app.ctx.db
      .selectFrom('audit_event as e')
      .innerJoin('account as a', 'a.id', 'e.actor_account_id')
      .select(['a.email', 'e.action', 'e.person_id', 'e.target_id', 'e.details'])
      .where('e.target_type', '=', 'medical_referral')
      .where('e.target_id', '=', referralId)
      .orderBy('e.seq')
      .execute();
    expect(traces).toContainEqual(
      expect.objectContaining({
        email: 'medical@parcours.test',
        action: 'medical.read',
        person_id: personId,
      }),
    );
    expect(traces).toContainEqual(
      expect.objectContaining({ email: 'medical.aix@parcours.test', action: 'medical.read_denied' }),
    );
    expect(traces.filter((t) => t.action === 'medical.record_added')).toHaveLength(2);
    expect(JSON.stringify(traces)).not.toContain(MARKER);
    for (const email of ['orientation@parcours.test', 'admin@parcours.test', 'beneficiaire@parcours.test']) {
      const client = await RawClient.login(app, email);
      expect((await client.get(`/api/persons/${personId}`)).status, email).toBe(200);
    }
  });

  // ---- The sweep ------------------------------------------------------------------------------------

  describe('every route, every role, in and out of scope', () => {
    let w: SweepWorld;
    /** The first part's person: its health records are readable by the pôle's medical team only. */
    const mpMarker: Marker = { kind: 'medical', person: 'mp', value: MARKER.toLowerCase() };

    beforeAll(async () => {
      w = await seedSweep(app);
      await seedCafSweep(app, w);
      // The first part's person, orientation (with its letter) and request are swept too.
      w.persons.mp = personId;
      w.orientations.mp = orientationId;
      w.referrals.mp = referralId;
      await seedSweepSas(app, w);
    }, 300_000);

    it('has fixtures for every GET route and every state-changing route', () => {
      const gets = app.routes.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/docs'));
      expect(
        gets.filter((r) => !GET_FIXTURES[r.url]).map((r) => r.url),
        'GET routes without sweep fixtures',
      ).toEqual([]);
      const changes = app.routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
      expect(
        changes.filter((r) => !MUTATIONS[`${r.method} ${r.url}`]).map((r) => `${r.method} ${r.url}`),
        'state-changing routes without sweep fixtures',
      ).toEqual([]);
      // A fixture for a route that no longer exists is a sign the table drifted.
      const known = new Set(app.routes.map((r) => `${r.method} ${r.url}`));
      expect(Object.keys(MUTATIONS).filter((k) => !known.has(k))).toEqual([]);
      expect(Object.keys(GET_FIXTURES).filter((u) => !known.has(`GET ${u}`))).toEqual([]);
    });

    it('shows each marker only where the policy allows it, on every GET route and export', async () => {
      const gets = app.routes.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/docs'));
      expect(gets.length).toBeGreaterThan(30);
      const leaks: string[] = [];
      const seen = new Set<string>();
      let checked = 0;
      let readable = 0;
      let pdfs = 0;
      let sheets = 0;
      const typed = new Set(
        gets
          .flatMap((r) => getPaths(r.url, w) ?? [])
          .flatMap((p) => [...new URL(p, 'http://x').searchParams.entries()])
          .filter(([k]) => k === 'q')
          .map(([, v]) => v.toLowerCase()),
      );
      const outOfScopeReferrals = (a: SweepAccount) => outOf(a, w.referrals);
      const clients = new Map<string, RawClient>();
      for (const a of sweepAccounts) clients.set(a.email, await RawClient.login(app, a.email));
      const sweepAccount = async (account: SweepAccount) => {
        const client = clients.get(account.email)!;
        for (const route of gets) {
          const paths = getPaths(route.url, w);
          if (!paths) {
            leaks.push(`no fixture for GET ${route.url}`);
            continue;
          }
          // A role without the route's permission is stopped before any handler: one call shows it.
          const permitted = allows(account.role, route);
          for (const path of permitted ? paths : paths.slice(0, 1)) {
            const res = await client.get(path);
            const where = `${account.email} GET ${path} → ${res.status}`;
            const text = (await readableText(res.type, res.bytes)).toLowerCase();
            const raw = res.bytes.toString('latin1').toLowerCase();
            const digits = text.replace(/[\s.\-()]/g, '');
            if (res.status === 200 && res.type.includes('application/pdf')) pdfs++;
            if (res.status === 200 && res.type.includes('spreadsheetml')) sheets++;
            if (res.status >= 500) leaks.push(`${where}: server error`);
            if (!permitted && res.status !== 403) leaks.push(`${where}: role without permission let in`);
            for (const marker of [...allMarkers, mpMarker]) {
              // The audit trail records what agents typed (search queries): a marker typed by
              // someone is not a marker shown by the application.
              if (journalRoutes.has(route.url) && typed.has(marker.value)) continue;
              const found =
                text.includes(marker.value) ||
                raw.includes(marker.value) ||
                (marker.digits === true && digits.includes(marker.value));
              if (!found) continue;
              const allowed =
                marker.person !== null &&
                account.scope.includes(marker.person) &&
                POLICY[account.role].includes(marker.kind);
              if (allowed) seen.add(`${account.email}|${marker.person}|${marker.kind}`);
              else
                leaks.push(
                  `${where}: ${marker.kind} of ${marker.person ?? 'département 84'} (${marker.value})`,
                );
            }
            // Health data's own routes: the medical team only, and of its pôle only.
            if (route.url.startsWith('/api/medical/')) {
              if (account.role !== 'medical_team') {
                if (![403, 404].includes(res.status)) leaks.push(`${where}: medical route open`);
              } else if (route.url === '/api/medical/referrals') {
                if (res.status !== 200) leaks.push(`${where}: own list refused`);
                for (const id of outOfScopeReferrals(account))
                  if (text.includes(id)) leaks.push(`${where}: lists another pôle’s request ${id}`);
              } else if (outOfScopeReferrals(account).some((id) => path.includes(id))) {
                if (![403, 404].includes(res.status)) leaks.push(`${where}: another pôle’s request opened`);
              }
            }
            if (res.status === 200) readable++;
            checked++;
          }
        }
      };
      // A few accounts at a time: the server answers several sessions, as in real use.
      const queue = [...sweepAccounts];
      const before = await fingerprint(app);
      await Promise.all(
        [1, 2, 3].map(async () => {
          for (let a = queue.shift(); a; a = queue.shift()) await sweepAccount(a);
        }),
      );
      // Reading changes nothing but the traces of the reading.
      const after = await fingerprint(app);
      for (const [t, h] of after) if (before.get(t) !== h) leaks.push(`GET routes changed table ${t}`);
      expect(leaks).toEqual([]);
      // The sweep reached the data: every kind each role may read showed up for a person of its scope.
      const missing: string[] = [];
      const withData: Record<string, readonly DataKind[]> = {
        in: ['identity', 'nir', 'address', 'contact', 'diagnosis', 'medical', 'letter', 'document'],
        str: ['identity', 'nir', 'address', 'contact', 'diagnosis', 'medical', 'letter', 'document'],
        hub: ['identity', 'nir', 'address', 'contact', 'diagnosis', 'medical', 'letter', 'document'],
        twin: ['identity', 'nir', 'address', 'contact'],
      };
      for (const a of sweepAccounts)
        for (const p of a.scope)
          for (const kind of POLICY[a.role])
            if (withData[p]?.includes(kind) && !seen.has(`${a.email}|${p}|${kind}`))
              missing.push(`${a.email} never saw ${kind} of ${p}`);
      expect(missing).toEqual([]);
      expect(checked).toBeGreaterThan(sweepAccounts.length * gets.length);
      expect(readable).toBeGreaterThan(sweepAccounts.length * 5);
      // The letters (PDF) and the queue export (XLSX) were among them, read as text.
      expect(pdfs).toBeGreaterThan(0);
      expect(sheets).toBeGreaterThan(0);
    }, 600_000);

    it('refuses every state-changing route out of scope (403/404) and changes nothing', async () => {
      const versions: Versions = {
        async of(table, id) {
          const r = await sql<{
            version: number;
          }>`SELECT version FROM ${sql.table(table)} WHERE id = ${id}`.execute(app.ctx.db);
          return Number(r.rows[0]?.version ?? 1);
        },
      };
      const clients = new Map<string, Client>();
      for (const a of sweepAccounts) clients.set(a.email, await loggedIn(app, a.email));
      const failures: string[] = [];
      let refused = 0;
      const changes = app.routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
      let before = await fingerprint(app);
      for (const route of changes) {
        const key = `${route.method} ${route.url}`;
        const mutation = MUTATIONS[key];
        if (!mutation) {
          failures.push(`no fixture for ${key}`);
          continue;
        }
        if ('skip' in mutation) continue;
        for (const account of sweepAccounts) {
          const client = clients.get(account.email)!;
          let calls: Call[];
          let accept = [403, 404];
          if ('whole' in mutation) {
            if (hasPermission(account.role, mutation.whole)) continue;
            calls = [mutation.call(w)];
            accept = [403];
          } else {
            calls = await mutation.calls(w, account, versions);
            accept = mutation.accept ?? accept;
            // Stopped by its role before any handler: one call shows it.
            if (!allows(account.role, route)) [calls, accept] = [calls.slice(0, 1), [403]];
          }
          for (const call of calls) {
            const res = call.raw
              ? await client.request(
                  route.method,
                  call.path,
                  undefined,
                  { 'content-type': call.raw.type },
                  call.raw.data,
                )
              : await client.request(route.method, call.path, call.body ?? {});
            if (!accept.includes(res.status))
              failures.push(
                `${account.email} ${route.method} ${call.path} → ${res.status} ${res.text.slice(0, 200)}`,
              );
            else refused++;
          }
        }
        const after = await fingerprint(app);
        const changed = [...after].filter(([t, h]) => before.get(t) !== h).map(([t]) => t);
        if (changed.length) failures.push(`${key} changed ${changed.join(', ')}`);
        before = after;
      }
      expect(failures).toEqual([]);
      expect(refused).toBeGreaterThan(100);
      // A refusal decided inside a use case is audited like one at the route.
      const denied = await app.ctx.db
        .selectFrom('audit_event')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('action', '=', 'duplicate.decision_denied')
        .executeTakeFirstOrThrow();
      expect(Number(denied.n)).toBeGreaterThan(0);
    }, 600_000);
  });
});
