import { describe, expect, it } from 'vitest';
import { createDecoder, firstInvalidUtf8, sniffXmlEncoding } from './decoding';

describe('sniffXmlEncoding', () => {
  it('reads the declaration, the byte-order mark, or defaults to UTF-8', () => {
    const head = (text: string) => Buffer.from(text, 'latin1');
    expect(sniffXmlEncoding(head('<?xml version="1.0" encoding="windows-1252"?><Racine>'), false)).toEqual({
      encoding: 'windows-1252',
      skip: 0,
    });
    expect(sniffXmlEncoding(head("<?xml version='1.0' encoding='ISO-8859-1' ?>"), false)).toEqual({
      encoding: 'iso-8859-1',
      skip: 0,
    });
    expect(sniffXmlEncoding(head('<?xml version="1.0"?>'), false)).toEqual({ encoding: 'utf-8', skip: 0 });
    expect(sniffXmlEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x3c]), false)).toEqual({
      encoding: 'utf-8',
      skip: 3,
    });
    expect(sniffXmlEncoding(head('<Racine>'), false)).toEqual({ encoding: 'utf-8', skip: 0 });
  });

  it('asks for more bytes while the declaration may be incomplete', () => {
    expect(sniffXmlEncoding(Buffer.from('<?x'), false)).toBe('more');
    expect(sniffXmlEncoding(Buffer.from('<?xml version="1.0" enc'), false)).toBe('more');
    expect(sniffXmlEncoding(Buffer.from('<?xml version="1.0" enc'), true)).toEqual({
      encoding: 'utf-8',
      skip: 0,
    });
  });
});

describe('UTF-8 decoding', () => {
  it('finds the first invalid sequence: stray, overlong, surrogate, too high, truncated', () => {
    expect(firstInvalidUtf8(Buffer.from('abc é €', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe9, 0x41]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe2, 0x82]))).toBe(1);
  });

  it('carries a character split between chunks, and reports one cut by the end of the file', () => {
    const decoder = createDecoder('utf-8');
    const euro = Buffer.from('€', 'utf8');
    expect(decoder.write(Buffer.concat([Buffer.from('a'), euro.subarray(0, 1)]))).toEqual({ text: 'a' });
    expect(decoder.write(euro.subarray(1, 2))).toEqual({ text: '' });
    expect(decoder.write(Buffer.concat([euro.subarray(2), Buffer.from('b')]))).toEqual({ text: '€b' });
    expect(decoder.write(euro.subarray(0, 2))).toEqual({ text: '' });
    expect(decoder.end()).toEqual({ text: '', invalidByte: 0xe2 });
  });

  it('decodes windows-1252 (0x80–0x9F) and stops at a byte it leaves undefined', () => {
    const decoder = createDecoder('windows-1252');
    expect(decoder.write(Buffer.from([0x43, 0x8c, 0x55, 0x52, 0x20, 0x80, 0xe9]))).toEqual({
      text: 'CŒUR €é',
    });
    expect(decoder.write(Buffer.from([0x41, 0x81, 0x42]))).toEqual({ text: 'A', invalidByte: 0x81 });
    expect(createDecoder('iso-8859-15').write(Buffer.from([0xa4, 0xbd]))).toEqual({ text: '€œ' });
    expect(createDecoder('iso-8859-1').write(Buffer.from([0xa4, 0xe9]))).toEqual({ text: '¤é' });
  });
});
