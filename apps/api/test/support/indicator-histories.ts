/**
 * Small histories written by hand (shared/formats/history.md) for the Plan Pauvreté indicators,
 * one pôle per edge of INDICATORS.md so that each test reads its own figures with the pôle filter.
 * The comments say what each person is for; the tests state the figures computed by hand.
 */
type Line = Record<string, unknown>;

export const hub = (id: string, commune: string): Line => ({
  kind: 'hub',
  id,
  name: `Pôle test ${id}`,
  communes: [commune],
});
export const body = (id: string, hubId: string, type = 'mds'): Line => ({
  kind: 'body',
  id,
  name: `Structure ${id}`,
  type,
  hub: hubId,
});
export const person = (id: string, commune: string): Line => ({
  kind: 'person',
  id,
  householdNumber: `hh-${id}`,
  role: 'DEM',
  nir: null,
  birthName: 'Indicateur',
  lastName: null,
  firstName: id,
  birthDate: '1980-05-17',
  sex: 'F',
  commune,
});
export const rights = (personId: string, date: string, status = 'open', subjectToDuties = true): Line => ({
  kind: 'rights',
  personId,
  date,
  status,
  subjectToDuties,
});
export const orientation = (
  personId: string,
  date: string,
  pathway: string,
  bodyId: string,
  programme: string | null = null,
): Line => ({ kind: 'orientation', personId, date, pathway, bodyId, programme });
export const appointment = (
  personId: string,
  date: string,
  status: string,
  bodyId: string,
  purpose = 'accompaniment',
): Line => ({ kind: 'appointment', personId, date, bodyId, purpose, status });
export const contract = (personId: string, signedOn: string): Line => ({
  kind: 'contract',
  personId,
  signedOn,
  start: signedOn,
  end: `${Number(signedOn.slice(0, 4)) + 1}${signedOn.slice(4)}`.replace('-02-29', '-02-28'),
  weeklyHours: 15,
  hoursRegime: 'standard',
});
export const referent = (
  id: string,
  bodyId: string,
  globalSupportPair: boolean,
  activeFrom: string,
  activeTo: string | null,
): Line => ({
  kind: 'referent',
  id,
  bodyId,
  lastName: 'Binome',
  firstName: id,
  globalSupportPair,
  activeFrom,
  activeTo,
});

/** Every case: its pôle (code) and its lines. Communes of Arles-Salon-Berre, one per pôle. */
export function indicatorHistories(): Record<string, Line[]> {
  const c = {
    leap: '13003',
    a: '13004',
    b: '13006',
    bounds: '13008',
    reopen: '13009',
    before: '13010',
    cancel: '13011',
    renewal: '13014',
    ft: '13017',
    pairs: '13018',
  };
  const inHub = (code: string, commune: string, extra: Line[] = []) => [
    hub(code, commune),
    body(`${code}-mds`, code),
    body(`${code}-ft`, code, 'france-travail'),
    ...extra,
  ];
  return {
    // 31 January of a leap year + 1 month = 29 February; of another year, 28 February.
    'ind-leap': [
      ...inHub('ind-leap', c.leap),
      person('leap-a', c.leap),
      rights('leap-a', '2024-01-31'),
      orientation('leap-a', '2024-02-29', 'social', 'ind-leap-mds'),
      // 29 February + 14 days = 14 March; + 2 months = 29 April.
      appointment('leap-a', '2024-03-14', 'seen', 'ind-leap-mds'),
      contract('leap-a', '2024-04-29'),
      person('leap-b', c.leap),
      rights('leap-b', '2024-01-31'),
      orientation('leap-b', '2024-03-01', 'social', 'ind-leap-mds'),
      person('leap-c', c.leap),
      rights('leap-c', '2023-01-31'),
      orientation('leap-c', '2023-02-28', 'social', 'ind-leap-mds'),
      person('leap-d', c.leap),
      rights('leap-d', '2023-01-31'),
      orientation('leap-d', '2023-03-01', 'social', 'ind-leap-mds'),
    ],
    // Entries on the period's first and last day, and on the days just outside it.
    'ind-bounds': [
      ...inHub('ind-bounds', c.bounds),
      person('bounds-d', c.bounds),
      rights('bounds-d', '2024-03-01'),
      orientation('bounds-d', '2024-04-02', 'social', 'ind-bounds-mds'),
      person('bounds-e', c.bounds),
      rights('bounds-e', '2024-03-31'),
      orientation('bounds-e', '2024-04-30', 'social', 'ind-bounds-mds'),
      person('bounds-f', c.bounds),
      rights('bounds-f', '2024-02-29'),
      orientation('bounds-f', '2024-03-31', 'social', 'ind-bounds-mds'),
      appointment('bounds-f', '2024-04-14', 'seen', 'ind-bounds-mds'),
      contract('bounds-f', '2024-05-31'),
      person('bounds-g', c.bounds),
      rights('bounds-g', '2024-04-01'),
      orientation('bounds-g', '2024-04-02', 'social', 'ind-bounds-mds'),
    ],
    // Closed then reopened: two entries, each with its own initial orientation (or none).
    'ind-reopen': [
      ...inHub('ind-reopen', c.reopen),
      person('reopen-h', c.reopen),
      rights('reopen-h', '2024-01-10'),
      rights('reopen-h', '2024-02-15', 'closed'),
      rights('reopen-h', '2024-03-05'),
      orientation('reopen-h', '2024-01-20', 'social', 'ind-reopen-mds'),
      orientation('reopen-h', '2024-03-20', 'professional', 'ind-reopen-ft'),
      // After the second entry: the second spell's, not the first's.
      appointment('reopen-h', '2024-03-25', 'seen', 'ind-reopen-ft'),
      contract('reopen-h', '2024-03-28'),
      person('reopen-i', c.reopen),
      rights('reopen-i', '2024-01-10'),
      rights('reopen-i', '2024-02-01', 'closed'),
      rights('reopen-i', '2024-03-01'),
      orientation('reopen-i', '2024-01-15', 'social', 'ind-reopen-mds'),
      // Open but not subject to rights and duties, then subject: enters on the second date.
      person('reopen-j', c.reopen),
      rights('reopen-j', '2024-01-05', 'open', false),
      rights('reopen-j', '2024-02-10'),
    ],
    // Oriented before the entry: that orientation is nobody's initial orientation.
    'ind-before': [
      ...inHub('ind-before', c.before),
      person('before-k', c.before),
      orientation('before-k', '2024-01-20', 'social', 'ind-before-mds'),
      appointment('before-k', '2024-01-22', 'seen', 'ind-before-mds'),
      rights('before-k', '2024-02-01'),
      person('before-l', c.before),
      orientation('before-l', '2024-01-25', 'social', 'ind-before-mds'),
      rights('before-l', '2024-02-01'),
      orientation('before-l', '2024-02-20', 'socio-professional', 'ind-before-mds'),
      appointment('before-l', '2024-02-22', 'seen', 'ind-before-mds'),
    ],
    // A cancelled first appointment: the next one, whatever its outcome, is the first fixed.
    'ind-cancel': [
      ...inHub('ind-cancel', c.cancel),
      person('cancel-m', c.cancel),
      rights('cancel-m', '2024-01-02'),
      orientation('cancel-m', '2024-01-10', 'social', 'ind-cancel-mds'),
      appointment('cancel-m', '2024-01-15', 'cancelled', 'ind-cancel-mds'),
      appointment('cancel-m', '2024-01-30', 'noshow', 'ind-cancel-mds'),
      person('cancel-n', c.cancel),
      rights('cancel-n', '2024-01-02'),
      orientation('cancel-n', '2024-01-10', 'social', 'ind-cancel-mds'),
      appointment('cancel-n', '2024-01-12', 'seen', 'ind-cancel-mds', 'orientation'),
      appointment('cancel-n', '2024-01-20', 'planned', 'ind-cancel-mds'),
      person('cancel-o', c.cancel),
      rights('cancel-o', '2024-01-02'),
      orientation('cancel-o', '2024-01-10', 'socio-professional', 'ind-cancel-mds'),
      appointment('cancel-o', '2024-01-12', 'cancelled', 'ind-cancel-mds'),
    ],
    // Renewals are not first contracts; a new entry starts a new first contract.
    'ind-renewal': [
      ...inHub('ind-renewal', c.renewal),
      person('renewal-p', c.renewal),
      rights('renewal-p', '2023-06-01'),
      orientation('renewal-p', '2023-06-10', 'social', 'ind-renewal-mds'),
      contract('renewal-p', '2023-07-01'),
      contract('renewal-p', '2024-01-15'),
      person('renewal-q', c.renewal),
      contract('renewal-q', '2024-01-03'),
      rights('renewal-q', '2024-01-05'),
      orientation('renewal-q', '2024-01-08', 'professional', 'ind-renewal-ft'),
      contract('renewal-q', '2024-03-20'),
      contract('renewal-q', '2024-03-25'),
      person('renewal-r', c.renewal),
      rights('renewal-r', '2023-09-01'),
      orientation('renewal-r', '2023-09-05', 'social', 'ind-renewal-mds'),
      contract('renewal-r', '2023-09-20'),
      rights('renewal-r', '2023-12-01', 'closed'),
      rights('renewal-r', '2024-01-10'),
      orientation('renewal-r', '2024-01-12', 'social', 'ind-renewal-mds'),
      contract('renewal-r', '2024-02-01'),
    ],
    // The professional pathway (France Travail) is not in 3.1.2, but is in 3.1.3.
    'ind-ft': [
      ...inHub('ind-ft', c.ft),
      person('ft-s', c.ft),
      rights('ft-s', '2024-01-02'),
      orientation('ft-s', '2024-01-05', 'professional', 'ind-ft-ft'),
      appointment('ft-s', '2024-01-10', 'seen', 'ind-ft-ft'),
      contract('ft-s', '2024-02-01'),
      person('ft-t', c.ft),
      rights('ft-t', '2024-01-02'),
      orientation('ft-t', '2024-01-05', 'social', 'ind-ft-mds'),
      appointment('ft-t', '2024-01-10', 'seen', 'ind-ft-mds'),
    ],
    // Garantie d'activité and accompagnement global: flows, stock, pairs and the start delay.
    'ind-pairs': [
      ...inHub('ind-pairs', c.pairs),
      referent('pairs-r1', 'ind-pairs-ft', true, '2023-01-01', null),
      referent('pairs-r2', 'ind-pairs-ft', true, '2023-01-01', '2024-06-30'),
      referent('pairs-r3', 'ind-pairs-ft', true, '2023-01-01', '2024-06-29'),
      referent('pairs-r4', 'ind-pairs-mds', false, '2023-01-01', null),
      referent('pairs-r5', 'ind-pairs-ft', true, '2024-07-01', null),
      person('pairs-u', c.pairs),
      rights('pairs-u', '2024-01-10'),
      orientation('pairs-u', '2024-02-01', 'professional', 'ind-pairs-ft', 'accompagnement-global'),
      appointment('pairs-u', '2024-02-05', 'cancelled', 'ind-pairs-ft'),
      appointment('pairs-u', '2024-02-11', 'seen', 'ind-pairs-ft'),
      person('pairs-v', c.pairs),
      rights('pairs-v', '2024-01-10'),
      rights('pairs-v', '2024-06-01', 'closed'),
      orientation('pairs-v', '2024-03-01', 'professional', 'ind-pairs-ft', 'accompagnement-global'),
      appointment('pairs-v', '2024-03-04', 'seen', 'ind-pairs-ft'),
      person('pairs-w', c.pairs),
      rights('pairs-w', '2024-01-05'),
      appointment('pairs-w', '2024-01-10', 'seen', 'ind-pairs-ft'),
      orientation('pairs-w', '2024-01-20', 'professional', 'ind-pairs-ft', 'accompagnement-global'),
      orientation('pairs-w', '2024-05-01', 'social', 'ind-pairs-mds'),
      person('pairs-x', c.pairs),
      rights('pairs-x', '2024-01-10'),
      orientation(
        'pairs-x',
        '2024-04-01',
        'socio-professional',
        'ind-pairs-mds',
        'garantie-activite-departementale',
      ),
      person('pairs-y', c.pairs),
      rights('pairs-y', '2024-06-15'),
      orientation('pairs-y', '2024-06-30', 'professional', 'ind-pairs-ft', 'accompagnement-global'),
      person('pairs-aa', c.pairs),
      rights('pairs-aa', '2024-05-10'),
      orientation('pairs-aa', '2024-05-15', 'professional', 'ind-pairs-ft', 'accompagnement-global'),
      appointment('pairs-aa', '2024-05-21', 'excused', 'ind-pairs-ft'),
      person('pairs-z', c.pairs),
      rights('pairs-z', '2024-06-20'),
      orientation('pairs-z', '2024-07-01', 'professional', 'ind-pairs-ft', 'accompagnement-global'),
    ],
    // Two pôles: each person counts in the pôle of their commune; pairs in the pôle of their structure.
    'ind-hub-a': [...inHub('ind-hub-a', c.a), person('huba-1', c.a), rights('huba-1', '2024-01-10')],
    'ind-hub-b': [
      ...inHub('ind-hub-b', c.b),
      referent('hubb-r1', 'ind-hub-b-ft', true, '2023-01-01', null),
      person('hubb-1', c.b),
      rights('hubb-1', '2024-01-11'),
      orientation('hubb-1', '2024-01-20', 'social', 'ind-hub-b-mds'),
      person('hubb-2', c.b),
      rights('hubb-2', '2024-01-12'),
    ],
  };
}

/** The histories as one NDJSON text, as a previous system would export it. */
export function toNdjson(lines: Line[]): string {
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}
