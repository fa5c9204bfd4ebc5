import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of CONVENTIONS.md, checked on the source: each failure names the file, the
 * line and the rule, so a newcomer sees what to change.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const apiSrc = path.join(root, 'apps/api/src');
const modulesDir = path.join(apiSrc, 'modules');

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.includes(`${path.sep}test${path.sep}`);
const rel = (file: string) => path.relative(root, file);
const sources = walk(apiSrc).filter((f) => !isTest(f));

interface Import {
  file: string;
  line: number;
  spec: string;
  /** Absolute path of the imported module (relative specifiers only). */
  target: string | null;
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: Import[] = [];
  const re = /(?:import|export)\s[^;]*?from\s+'([^']+)'|import\s+'([^']+)'|import\('([^']+)'\)/g;
  for (const m of text.matchAll(re)) {
    const spec = (m[1] ?? m[2] ?? m[3])!;
    const line = text.slice(0, m.index).split('\n').length;
    const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
    found.push({ file, line, spec, target });
  }
  return found;
}

/** `modules/<context>/<layer>/…` of a path inside the modules, or null. */
function locate(file: string): { context: string; layer: string } | null {
  const r = path.relative(modulesDir, file);
  // Files directly under modules/ are composition roots (they gather every context's declarations).
  if (r.startsWith('..') || !r.includes(path.sep)) return null;
  const [context, layer = ''] = r.split(path.sep);
  return { context: context!, layer: layer.replace(/\.ts$/, '') };
}

const fmt = (i: Import, rule: string) => `${rel(i.file)}:${i.line} imports '${i.spec}' — ${rule}`;

describe('architecture', () => {
  const allImports = sources.flatMap(importsOf);

  it('a context uses another context only through its index.ts facade', () => {
    const offending = allImports.filter((i) => {
      const from = locate(i.file);
      const to = i.target ? locate(i.target) : null;
      if (!from || !to || from.context === to.context) return false;
      return to.layer !== 'index' && to.layer !== '';
    });
    expect(offending.map((i) => fmt(i, `use '../../${locate(i.target!)!.context}' (its index.ts)`))).toEqual(
      [],
    );
  });

  it('http/ files hold no SQL and do not reach into infra/', () => {
    const problems: string[] = [];
    for (const file of sources.filter((f) => locate(f)?.layer === 'http')) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((text, n) => {
        if (/\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`|\.executeQuery\(/.test(text)) {
          problems.push(
            `${rel(file)}:${n + 1} — SQL in an http file: move it to the context's infra/ or application/`,
          );
        }
      });
    }
    for (const i of allImports) {
      const from = locate(i.file);
      const to = i.target ? locate(i.target) : null;
      if (from?.layer === 'http' && to?.layer === 'infra')
        problems.push(fmt(i, 'http/ calls application/, not infra/'));
    }
    expect(problems).toEqual([]);
  });

  it('use cases and domain rules do not depend on HTTP', () => {
    const offending = allImports.filter((i) => {
      const from = locate(i.file);
      if (!from || (from.layer !== 'application' && from.layer !== 'domain')) return false;
      return i.spec === 'fastify' || (i.target?.includes(`${path.sep}platform${path.sep}http`) ?? false);
    });
    expect(
      offending.map((i) => fmt(i, 'throw domain errors (platform/errors), let the edge map them')),
    ).toEqual([]);
  });

  it('domain/ is pure: no database', () => {
    const offending = allImports.filter((i) => {
      if (locate(i.file)?.layer !== 'domain') return false;
      return i.spec === 'kysely' || (i.target?.includes(`${path.sep}platform${path.sep}db`) ?? false);
    });
    expect(offending.map((i) => fmt(i, 'domain rules take values, infra/ reads them'))).toEqual([]);
  });

  it('timeline events are written only through the registry', () => {
    const offending = sources.filter(
      (f) =>
        !f.includes(`platform${path.sep}timeline`) &&
        /insertInto\('timeline_event'\)/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(
      offending.map((f) => `${rel(f)} — use <context>Events.append (platform/timeline/registry.ts)`),
    ).toEqual([]);
  });

  it('the web calls the API through the client generated from the route definitions', () => {
    const features = walk(path.join(root, 'apps/web/src/features')).filter((f) => !isTest(f));
    const problems: string[] = [];
    for (const file of features) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((text, n) => {
          if (/['"`]\/api\//.test(text))
            problems.push(`${rel(file)}:${n + 1} — use call/upload/hrefOf(api.…)`);
        });
    }
    expect(problems).toEqual([]);
  });

  it('no source file over 400 lines, except parsers and generators whose size is one idea', () => {
    const oneIdea = new Set([
      'apps/api/src/modules/beneficiaries/infra/flux/xml-parser.ts',
      'apps/api/src/modules/beneficiaries/infra/flux/csv-parser.ts',
      'apps/api/src/demo/generate/households.ts',
    ]);
    const web = walk(path.join(root, 'apps/web/src'));
    const contracts = walk(path.join(root, 'packages/contracts/src'));
    const long = [...sources, ...web, ...contracts]
      .filter((f) => !isTest(f) && !oneIdea.has(rel(f)))
      .map((f) => ({ f: rel(f), n: fs.readFileSync(f, 'utf8').split('\n').length }))
      .filter(({ n }) => n > 400)
      .map(({ f, n }) => `${f}: ${n} lines`);
    expect(long).toEqual([]);
  });
});
