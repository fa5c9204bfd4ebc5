/**
 * Byte → text decoding for the flux parsers: sniffs the XML declaration, then decodes chunk by
 * chunk, reporting the first byte that is not valid in the declared encoding.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type FluxEncoding = 'utf-8' | 'windows-1252' | 'iso-8859-1' | 'iso-8859-15';

export interface DecodedChunk {
  /** Text decoded up to the first invalid byte (all of it when valid). */
  text: string;
  /** The first invalid byte, when there is one; decoding must stop there. */
  invalidByte?: number;
}

export interface ChunkDecoder {
  readonly encoding: FluxEncoding;
  write(chunk: Buffer): DecodedChunk;
  /** Flushes the end of the input; an incomplete multi-byte sequence is an invalid byte. */
  end(): DecodedChunk;
}

const LABELS: Record<string, FluxEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  iso_8859_1: 'iso-8859-1',
  'iso_8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'iso-8859-15': 'iso-8859-15',
  'iso8859-15': 'iso-8859-15',
  'iso_8859-15': 'iso-8859-15',
  latin9: 'iso-8859-15',
};

export function encodingFromLabel(label: string): FluxEncoding | null {
  return LABELS[label.trim().toLowerCase()] ?? null;
}

/** How many leading bytes to gather before deciding (an XML declaration is far shorter). */
export const SNIFF_BYTES = 1024;

export type SniffResult = 'more' | { encoding: FluxEncoding; skip: number } | { error: string };

/**
 * Reads the encoding from a byte-order mark or the XML declaration. Returns 'more' while the
 * declaration may still be incomplete and more input may come.
 */
export function sniffXmlEncoding(head: Buffer, complete: boolean): SniffResult {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return { error: 'encodage non pris en charge : UTF-16 (attendu windows-1252, ISO-8859-1/15 ou UTF-8)' };
  }
  const start = head.toString('latin1', 0, Math.min(head.length, SNIFF_BYTES));
  if (!start.startsWith('<?xml')) {
    if (!complete && start.length < 5 && '<?xml'.startsWith(start)) return 'more';
    return { encoding: 'utf-8', skip: 0 };
  }
  const end = start.indexOf('?>');
  if (end < 0) {
    // A broken declaration: let the XML parser report it.
    if (complete || start.length >= SNIFF_BYTES) return { encoding: 'utf-8', skip: 0 };
    return 'more';
  }
  const declared = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(start.slice(0, end))?.[2];
  if (declared === undefined) return { encoding: 'utf-8', skip: 0 };
  const encoding = encodingFromLabel(declared);
  if (!encoding) {
    return {
      error: `encodage non pris en charge : « ${declared} » (attendu windows-1252, ISO-8859-1/15 ou UTF-8)`,
    };
  }
  return { encoding, skip: 0 };
}

export function createDecoder(encoding: FluxEncoding): ChunkDecoder {
  return encoding === 'utf-8' ? new Utf8Decoder() : new SingleByteDecoder(encoding);
}

/** Strict UTF-8: Node's native check on complete sequences; a JS scan only to locate an error. */
class Utf8Decoder implements ChunkDecoder {
  readonly encoding = 'utf-8';
  private pending: Buffer | null = null;

  write(chunk: Buffer): DecodedChunk {
    const bytes = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    const cut = completeUtf8Length(bytes);
    // Copy the tail so the whole chunk is not retained by a 1-3 byte view.
    this.pending = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : null;
    return decodeUtf8(bytes.subarray(0, cut));
  }

  end(): DecodedChunk {
    const rest = this.pending;
    this.pending = null;
    if (!rest) return { text: '' };
    const decoded = decodeUtf8(rest);
    return decoded.invalidByte === undefined ? { text: decoded.text, invalidByte: rest[0] } : decoded;
  }
}

function decodeUtf8(bytes: Buffer): DecodedChunk {
  if (isUtf8(bytes)) return { text: bytes.toString('utf8') };
  const bad = firstInvalidUtf8(bytes);
  return { text: bytes.toString('utf8', 0, bad), invalidByte: bytes[bad] };
}

/** Length of the prefix that ends on a sequence boundary (a split sequence waits for the next chunk). */
function completeUtf8Length(bytes: Buffer): number {
  const length = bytes.length;
  let lead = length - 1;
  while (lead >= 0 && lead > length - 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return length;
  const b = bytes[lead]!;
  const needed = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
  return lead + needed > length ? lead : length;
}

/** Offset of the first byte that starts an invalid or incomplete UTF-8 sequence (-1 if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let extra: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      if (b === 0xe0) min = 0xa0; // overlong
      if (b === 0xed) max = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      if (b === 0xf0) min = 0x90; // overlong
      if (b === 0xf4) max = 0x8f; // above U+10FFFF
    } else return i;
    if (i + extra >= bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < min || second > max) return i;
    for (let k = 2; k <= extra; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return -1;
}

/**
 * windows-1252 and ISO-8859-x: one byte, one character. iconv-lite gives the table; the bulk is
 * decoded by Node's native latin1 decoder (several times faster than iconv-lite's SBCS decoder on
 * big files) and only the bytes where the encoding differs from latin1 are rewritten. Bytes the
 * encoding leaves undefined (0x81, 0x8D… in windows-1252) are errors.
 */
class SingleByteDecoder implements ChunkDecoder {
  private readonly differences: Map<string, string>;
  private readonly pattern: RegExp | null;

  constructor(readonly encoding: Exclude<FluxEncoding, 'utf-8'>) {
    const table = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)), encoding);
    this.differences = new Map();
    for (let byte = 0; byte < 256; byte++) {
      const latin1 = String.fromCharCode(byte);
      if (table[byte] !== latin1) this.differences.set(latin1, table[byte]!);
    }
    const escaped = [...this.differences.keys()].map(
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    this.pattern = escaped.length > 0 ? new RegExp(`[${escaped.join('')}]`, 'g') : null;
  }

  write(chunk: Buffer): DecodedChunk {
    let text = chunk.toString('latin1');
    if (this.pattern && this.mayDiffer(chunk))
      text = text.replace(this.pattern, (c) => this.differences.get(c)!);
    // iconv-lite maps the bytes the encoding does not define to U+FFFD, which latin1 never produces.
    const bad = text.indexOf('\uFFFD');
    if (bad < 0) return { text };
    return { text: text.slice(0, bad), invalidByte: chunk[bad] };
  }

  end(): DecodedChunk {
    return { text: '' };
  }

  /** windows-1252 differs from latin1 only on 0x80–0x9F: most chunks have none (a byte loop is cheap). */
  private mayDiffer(chunk: Buffer): boolean {
    if (this.encoding !== 'windows-1252') return true;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte >= 0x80 && byte <= 0x9f) return true;
    }
    return false;
  }
}

/** Readable streams may hand strings or Uint8Arrays; the decoders want Buffers. */
export function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('flux : morceau de fichier ni Buffer ni chaîne');
}

export function hexByte(byte: number | undefined): string {
  return `0x${(byte ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
}
