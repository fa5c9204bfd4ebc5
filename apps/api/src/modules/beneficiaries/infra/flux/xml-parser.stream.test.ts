import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { sampleHeader, syntheticHousehold } from './flux-test-support';
import { parseFluxXml } from './xml-parser';
import { fluxXmlChunks } from './xml-writer';

const HOUSEHOLDS = 100_000; // 1, 2 or 3 persons each: 200 000 persons
const TEMPLATES = 3;

/** A full garbage collection, so that the heap measured is what the parser keeps, not garbage not yet collected. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function liveHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * A VRSB file of `households` households, made on the fly from a few households rendered once by
 * the writer (only NUMDEMRSA changes), so that the test measures the parser, not the writer.
 */
async function* generatedFile(households: number): AsyncGenerator<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of fluxXmlChunks(
    sampleHeader,
    Array.from({ length: TEMPLATES }, (_, i) => syntheticHousehold(i + 1)),
  )) {
    chunks.push(chunk);
  }
  // Compact output: the header on the first lines, then one line per household, then the total.
  const lines = Buffer.concat(chunks).toString('latin1').split('\n');
  const head = lines.findIndex((line) => line.startsWith('<InfosFoyerRSA>'));
  const templates = lines.slice(head, head + TEMPLATES).map((line, i) => {
    const claim = `<NUMDEMRSA>131${String(i + 1).padStart(8, '0')}</NUMDEMRSA>`;
    const at = line.indexOf(claim);
    return [
      Buffer.from(`${line.slice(0, at)}<NUMDEMRSA>`, 'latin1'),
      Buffer.from(`</NUMDEMRSA>${line.slice(at + claim.length)}\n`, 'latin1'),
    ];
  });
  yield Buffer.from(`${lines.slice(0, head).join('\n')}\n`, 'latin1');
  let batch: Buffer[] = [];
  let size = 0;
  for (let rank = 1; rank <= households; rank++) {
    const [before, after] = templates[(rank - 1) % TEMPLATES]!;
    const claim = Buffer.from(`131${String(rank).padStart(8, '0')}`, 'latin1');
    batch.push(before!, claim, after!);
    size += before!.length + claim.length + after!.length;
    if (size >= 64 * 1024) {
      yield Buffer.concat(batch);
      batch = [];
      size = 0;
    }
  }
  batch.push(
    Buffer.from(
      `<TransmissionFlux><NBTOTDOSRSATRANSM>${String(households).padStart(8, '0')}</NBTOTDOSRSATRANSM></TransmissionFlux>\n</Racine>\n`,
      'latin1',
    ),
  );
  yield Buffer.concat(batch);
}

describe('parseFluxXml — streaming', () => {
  it('parses 200 000 persons from a stream with a flat heap', { timeout: 60_000 }, async () => {
    let bytes = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of generatedFile(HOUSEHOLDS)) {
        bytes += chunk.length;
        yield chunk;
      }
    }
    const before = liveHeap();
    let peak = before;
    let households = 0;
    let persons = 0;
    const started = performance.now();
    const parsing = parseFluxXml(counted());
    let next = await parsing.next();
    while (!next.done) {
      households++;
      persons += next.value.members.length;
      if (households % 20_000 === 0) peak = Math.max(peak, liveHeap());
      next = await parsing.next();
    }
    const seconds = (performance.now() - started) / 1000;
    const summary = next.value;
    expect(summary.errors).toEqual([]);
    expect(summary).toMatchObject({
      households: HOUSEHOLDS,
      persons: 200_000,
      declaredHouseholds: HOUSEHOLDS,
    });
    expect(households).toBe(HOUSEHOLDS);
    expect(persons).toBe(200_000);
    // The file is a few hundred megabytes; what the parser keeps must not follow it (it only keeps
    // the current household and the NUMDEMRSA already seen, a few megabytes for 100 000).
    expect(bytes).toBeGreaterThan(200 * 1024 * 1024);
    expect(peak - before).toBeLessThan(50 * 1024 * 1024);
    if (process.env.FLUX_BENCH) {
      console.info(
        `${persons} personnes, ${(bytes / 1e6).toFixed(0)} Mo en ${seconds.toFixed(1)} s : ` +
          `${Math.round(persons / seconds)} personnes/s, ${(bytes / 1e6 / seconds).toFixed(0)} Mo/s, ` +
          `tas vivant +${((peak - before) / 1e6).toFixed(1)} Mo au plus`,
      );
    }
  });
});
