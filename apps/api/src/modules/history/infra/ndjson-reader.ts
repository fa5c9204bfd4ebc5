import { createHash } from 'node:crypto';

export interface NdjsonLine {
  /** 1-based physical line number, blank lines included, as an editor shows it. */
  line: number;
  text: string;
}

/**
 * Reads NDJSON line by line from a stream without holding the file, and hashes the bytes as they
 * pass (sha256 of the exact file). Blank lines are skipped; CRLF and a leading BOM are tolerated.
 * `digest()` is meaningful once the iteration has finished.
 */
export function ndjsonLines(input: AsyncIterable<Buffer | Uint8Array | string>): {
  lines: AsyncGenerator<NdjsonLine>;
  digest(): string;
  bytes(): number;
} {
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | null = null;
  async function* lines(): AsyncGenerator<NdjsonLine> {
    const decoder = new TextDecoder('utf-8');
    let rest = '';
    let n = 0;
    let first = true;
    const emit = function* (text: string): Generator<NdjsonLine> {
      n++;
      let t = text.endsWith('\r') ? text.slice(0, -1) : text;
      if (first) {
        if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
        first = false;
      }
      if (t.trim() !== '') yield { line: n, text: t };
    };
    for await (const chunk of input) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      hash.update(bytes);
      size += bytes.length;
      const text = rest + decoder.decode(bytes, { stream: true });
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) yield* emit(part);
    }
    rest += decoder.decode();
    if (rest !== '') yield* emit(rest);
    digest = hash.digest('hex');
  }
  return {
    lines: lines(),
    digest() {
      if (digest === null) throw new Error('ndjsonLines: the stream has not been read to the end');
      return digest;
    },
    bytes: () => size,
  };
}
