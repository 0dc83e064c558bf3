import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVALID, MarkingUtf8Decoder } from './utf8.js';

/** Decodes `bytes` cut into pieces at `cuts`, as a reader does chunk by chunk. */
function decodeInPieces(bytes: Uint8Array, cuts: number[]): string {
  const decoder = new MarkingUtf8Decoder();
  const at = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
  let out = '';
  for (let i = 0; i + 1 < at.length; i++) out += decoder.decode(bytes.subarray(at[i], at[i + 1]));
  return out + decoder.decode(new Uint8Array(0), true);
}

/** The reference: TextDecoder's own replacement, each invalid byte sequence one mark. */
const reference = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes).replaceAll('\uFFFD', INVALID);

describe('MarkingUtf8Decoder', () => {
  it('decodes valid UTF-8 as TextDecoder does, however it is cut, dropping a leading BOM', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat(200)), fc.boolean(), (text, cuts, bom) => {
        const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text)]);
        expect(decodeInPieces(bytes, cuts)).toBe(text);
      }),
    );
  });

  it('marks every invalid byte where TextDecoder would put U+FFFD, however the bytes are cut', () => {
    const pieces = fc.oneof(
      fc.string().map((s) => Buffer.from(s)),
      fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => Buffer.from(b)),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), fc.array(fc.nat(100)), (parts, cuts) => {
        const bytes = Buffer.concat(parts);
        // A lone surrogate never comes out of valid bytes, so a mark can only stand for an invalid one.
        const marked = decodeInPieces(bytes, cuts);
        expect(marked.includes(INVALID)).toBe(reference(bytes).includes(INVALID));
        expect(marked.replaceAll(INVALID, '')).toBe(reference(bytes).replaceAll(INVALID, ''));
      }),
      { numRuns: 500 },
    );
  });

  it('marks a sequence the file ends in the middle of, and keeps a legitimate U+FFFD as it is', () => {
    expect(decodeInPieces(Buffer.from([0x41, 0xd0]), [])).toBe(`A${INVALID}`);
    expect(decodeInPieces(Buffer.from('a\uFFFDb'), [2])).toBe('a\uFFFDb');
    expect(decodeInPieces(Buffer.from([0xd0, 0x9e, 0xc3, 0x28, 0xff, 0x41]), [1, 3])).toBe(`О${INVALID}(${INVALID}A`);
  });
});
