import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FluxHeader, FluxHousehold } from '../../domain/flux';
import { collectFlux, sampleHeader, syntheticHousehold, syntheticHouseholds } from './flux-test-support';
import { parseFluxXml } from './xml-parser';
import { fluxXmlChunks, writeFluxXml } from './xml-writer';

const fixtures = fileURLToPath(new URL('../../../../../test/fixtures/flux/', import.meta.url));

function roundTrip(
  header: FluxHeader,
  households: FluxHousehold[],
  opts?: Parameters<typeof fluxXmlChunks>[2],
) {
  return collectFlux(parseFluxXml(fluxXmlChunks(header, households, { chunkSize: 1024, ...opts })));
}

/** Names that windows-1252 cannot hold, and markup characters. */
function unusual(): FluxHousehold {
  const household = syntheticHousehold(61);
  const [first] = household.members;
  first!.birthName = 'WAŁĘSA';
  first!.firstName = 'Łukasz 😀';
  household.address!.complement = 'BÂT. <A> & "B"';
  household.anomalies = ['NIR « provisoire » > 2 ans & adresse ‘à vérifier’'];
  return household;
}

describe('writeFluxXml → parseFluxXml', () => {
  it('gives the households back as they were, in windows-1252 and in UTF-8', async () => {
    const households = [...syntheticHouseholds(60), unusual()].map((h, i) => ({
      ...h,
      path: `Racine/InfosFoyerRSA[${i + 1}]`,
      members: h.members.map((m, j) => ({ ...m, path: `Racine/InfosFoyerRSA[${i + 1}]/Personne[${j + 1}]` })),
    }));
    for (const encoding of ['windows-1252', 'utf-8'] as const) {
      for (const pretty of [false, true]) {
        const { households: read, summary } = await roundTrip(sampleHeader, households, { encoding, pretty });
        expect(summary.errors).toEqual([]);
        expect(summary.header).toEqual(sampleHeader);
        expect(summary.declaredHouseholds).toBe(61);
        expect(read).toEqual(households);
      }
    }
  });

  it('writes the characters windows-1252 lacks as character references', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of fluxXmlChunks(sampleHeader, [unusual()])) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    expect(bytes.includes('<NOMNAI>WA&#x141;&#x118;SA</NOMNAI>')).toBe(true);
    expect(bytes.includes('<COMPLADR>B\xc2T. &lt;A&gt; &amp; "B"</COMPLADR>', 'latin1')).toBe(true);
    // ‘ and ’ exist in windows-1252 (0x91, 0x92): written as bytes.
    expect(bytes.includes(Buffer.from([0x91, 0xe0]))).toBe(true);
  });

  it('rewrites the fixture into a file that reads the same', async () => {
    const fixture = await collectFlux(parseFluxXml([readFileSync(`${fixtures}vrsb-small.xml`)]));
    const again = await roundTrip(fixture.summary.header!, fixture.households);
    expect(again.summary.errors).toEqual([]);
    expect(again.households).toEqual(fixture.households);
  });

  it('writes the VIRS contact blocks for an instruction flux', async () => {
    const virs = await collectFlux(parseFluxXml([readFileSync(`${fixtures}virs-small.xml`)]));
    const again = await roundTrip(virs.summary.header!, virs.households, { encoding: 'utf-8' });
    expect(again.summary.errors).toEqual([]);
    expect(again.summary.header?.natFlux).toBe('I');
    expect(again.households).toEqual(virs.households);
  });

  it('streams into a Writable with back-pressure while the parser reads the other end', async () => {
    const pipe = new PassThrough({ highWaterMark: 1024 });
    const [, parsed] = await Promise.all([
      writeFluxXml(sampleHeader, syntheticHouseholds(500), pipe, { chunkSize: 4096 }),
      collectFlux(parseFluxXml(pipe)),
    ]);
    expect(parsed.summary.errors).toEqual([]);
    expect(parsed.households).toHaveLength(500);
    expect(parsed.summary.persons).toBe(1001);
  });

  it('refuses a character XML cannot carry', async () => {
    const household = syntheticHousehold(1);
    household.members[0]!.firstName = 'A\u0001B';
    await expect(collectFlux(parseFluxXml(fluxXmlChunks(sampleHeader, [household])))).rejects.toThrow(
      'caractère interdit en XML (U+0001)',
    );
  });
});
