import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One validation style in every screen (issue 10, point 5): no form lets the browser show its own
 * bubbles (`noValidate` on each `<form>`), and no error banner carries a generic title.
 */
const webSrc = path.resolve(import.meta.dirname, '../../web/src');

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.tsx')) out.push(full);
  }
  return out;
}

/** The opening tags `<form …>` of a JSX file, braces counted (attributes hold arrows `=>`). */
export function formTags(text: string): { line: number; tag: string }[] {
  const tags: { line: number; tag: string }[] = [];
  for (const m of text.matchAll(/<form[\s>]/g)) {
    let depth = 0;
    let end = m.index + 5;
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '>' && depth === 0) break;
    }
    tags.push({ line: text.slice(0, m.index).split('\n').length, tag: text.slice(m.index, end + 1) });
  }
  return tags;
}

describe('forms of the web application', () => {
  const files = walk(webSrc);

  it('finds the form tags, arrows in attributes included', () => {
    const tags = formTags('<form onSubmit={(e) => go(e)} noValidate>\n<p>x</p></form><form>');
    expect(tags.map((t) => t.tag)).toEqual(['<form onSubmit={(e) => go(e)} noValidate>', '<form>']);
  });

  it('every <form> has noValidate: messages come from the application, under the fields', () => {
    const missing: string[] = [];
    let count = 0;
    for (const file of files) {
      for (const { line, tag } of formTags(fs.readFileSync(file, 'utf8'))) {
        count++;
        if (!/\bnoValidate\b/.test(tag)) missing.push(`${path.relative(webSrc, file)}:${line}`);
      }
    }
    expect(count).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('no error banner says only that "the form" failed: each says what was not done', () => {
    const generic = files.filter((f) =>
      /Le formulaire n.a pas pu être enregistré/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(generic.map((f) => path.relative(webSrc, f))).toEqual([]);
  });
});
