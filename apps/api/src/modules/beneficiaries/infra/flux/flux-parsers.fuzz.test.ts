import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FluxHousehold } from '../../domain/flux';
import { parseFluxCsv } from './csv-parser';
import { collectFlux, inChunks, seededRandom } from './flux-test-support';
import type { FluxParseResult } from './parse-report';
import { parseFluxXml } from './xml-parser';

const fixtures = fileURLToPath(new URL('../../../../../test/fixtures/flux/', import.meta.url));

type Mutation = 'flip' | 'truncate' | 'duplicate-line' | 'remove-line' | 'insert-bytes';
const MUTATIONS: Mutation[] = ['flip', 'truncate', 'duplicate-line', 'remove-line', 'insert-bytes'];

/** One random change of a valid file: what a bad transfer, a bad export or a bad hand does. */
function mutate(bytes: Buffer, random: () => number): { kind: Mutation; bytes: Buffer } {
  const pick = (n: number) => Math.floor(random() * n);
  const kind = MUTATIONS[pick(MUTATIONS.length)]!;
  const copy = Buffer.from(bytes);
  switch (kind) {
    case 'flip': {
      for (let n = 1 + pick(3); n > 0; n--) copy[pick(copy.length)] = pick(256);
      return { kind, bytes: copy };
    }
    case 'truncate':
      return { kind, bytes: copy.subarray(0, pick(copy.length)) };
    case 'insert-bytes': {
      const at = pick(copy.length);
      const noise = Buffer.from(Array.from({ length: 1 + pick(8) }, () => pick(256)));
      return { kind, bytes: Buffer.concat([copy.subarray(0, at), noise, copy.subarray(at)]) };
    }
    default: {
      const lines: Buffer[] = [];
      for (let start = 0; start < copy.length; ) {
        const end = copy.indexOf(0x0a, start);
        const stop = end < 0 ? copy.length : end + 1;
        lines.push(copy.subarray(start, stop));
        start = stop;
      }
      const at = pick(lines.length);
      if (kind === 'duplicate-line') lines.splice(at, 0, lines[at]!);
      else lines.splice(at, 1);
      return { kind, bytes: Buffer.concat(lines) };
    }
  }
}

/** Either a clean result (households, no error) or errors that each say where and why. */
function expectConsistent(households: FluxHousehold[], summary: FluxParseResult): void {
  expect(households.length).toBeLessThanOrEqual(summary.households);
  if (summary.errors.length === 0) {
    expect(summary.errorsTruncated).toBe(0);
    expect(households).toHaveLength(summary.households);
    for (const household of households) {
      expect(household.claimNumber).toHaveLength(11);
      expect(household.path).not.toBe('');
    }
    return;
  }
  for (const error of summary.errors) {
    expect(typeof error.place).toBe('string');
    expect(error.place.length).toBeGreaterThan(0);
    expect(error.reason.length).toBeGreaterThan(0);
    if (error.field !== null) expect(error.field.length).toBeGreaterThan(0);
  }
}

async function fuzz(
  file: Buffer,
  cases: number,
  seed: number,
  parse: (input: AsyncIterable<Buffer>) => AsyncGenerator<FluxHousehold, FluxParseResult>,
): Promise<Record<string, number>> {
  const random = seededRandom(seed);
  const outcomes: Record<string, number> = {};
  for (let n = 0; n < cases; n++) {
    const { kind, bytes } = mutate(file, random);
    const chunkSize = 1 + Math.floor(random() * 512);
    // Never throws: a rejection here fails the test with the case that caused it.
    const { households, summary } = await collectFlux(parse(inChunks(bytes, chunkSize))).catch(
      (err: unknown) => {
        throw new Error(`case ${n} (${kind}, chunks of ${chunkSize}) threw: ${String(err)}`);
      },
    );
    expectConsistent(households, summary);
    const outcome = `${kind}:${summary.errors.length > 0 ? 'rejected' : 'accepted'}`;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return outcomes;
}

describe('flux parsers — fuzzing (seeded, reproducible)', () => {
  it('300 random mutations of a valid XML file never make the parser throw', async () => {
    const file = readFileSync(`${fixtures}vrsb-small.xml`);
    const outcomes = await fuzz(file, 300, 20260105, (input) => parseFluxXml(input, { maxErrors: 50 }));
    // Most mutations break the file; the run is the same every time.
    const rejected = Object.entries(outcomes).filter(([k]) => k.endsWith('rejected'));
    expect(rejected.reduce((sum, [, count]) => sum + count, 0)).toBeGreaterThan(150);
    expect(await fuzz(file, 300, 20260105, (input) => parseFluxXml(input, { maxErrors: 50 }))).toEqual(
      outcomes,
    );
  });

  it('100 random mutations of a valid CSV file never make the parser throw', async () => {
    const file = readFileSync(`${fixtures}flux-small.csv`);
    const args = { natFlux: 'D', typeFlux: 'M', createdOn: '2026-01-05' } as const;
    await fuzz(file, 100, 42, (input) => parseFluxCsv(input, args, { maxErrors: 50 }));
  });
});
