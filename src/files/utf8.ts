/**
 * Strict UTF-8 for the readers: a byte that is not UTF-8 must not quietly become U+FFFD and let its
 * row pass as valid. An invalid byte is decoded as `INVALID`, a lone surrogate, which valid UTF-8
 * can never decode to, so a reader can tell exactly which row (or line) holds one.
 */
export const INVALID = '\uDC00';

const plain = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A streaming UTF-8 decoder that marks invalid bytes with `INVALID`. Valid text goes through
 * TextDecoder at its full speed; only a piece in which it finds an invalid byte is decoded again
 * byte by byte. A byte-order mark at the start is dropped, as TextDecoder does.
 */
export class MarkingUtf8Decoder {
  private fatal = new TextDecoder('utf-8', { fatal: true });
  /** The bytes of an unfinished sequence at the end of the last piece (the decoder holds them). */
  private held: Uint8Array = new Uint8Array(0);
  private started = false;
  /** Whether any piece so far held an invalid byte. */
  marked = false;

  decode(piece: Uint8Array, final = false): string {
    const atStart = !this.started;
    this.started = true;
    try {
      const text = this.fatal.decode(piece, { stream: !final });
      this.held = final ? new Uint8Array(0) : unfinishedTail(this.held, piece);
      return text;
    } catch {
      this.marked = true;
      const bytes = concat(this.held, piece);
      const end = final ? bytes.length : bytes.length - unfinishedLength(bytes);
      let from = atStart && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      let out = '';
      for (let i = from; i < end;) {
        if (bytes[i]! < 0x80) {
          i++;
          continue;
        }
        const n = sequenceLength(bytes, i, end);
        if (n) {
          i += n;
          continue;
        }
        out += plain.decode(bytes.subarray(from, i)) + INVALID;
        from = ++i;
      }
      out += plain.decode(bytes.subarray(from, end));
      this.held = bytes.slice(end);
      this.fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      if (this.held.length) this.fatal.decode(this.held, { stream: true });
      return out;
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** What a streaming decoder keeps back after `piece`: the start of a sequence that the next piece finishes. */
function unfinishedTail(held: Uint8Array, piece: Uint8Array): Uint8Array {
  const bytes = piece.length >= 4 ? piece : concat(held, piece);
  const n = unfinishedLength(bytes);
  return n ? bytes.slice(bytes.length - n) : new Uint8Array(0);
}

/** Bytes at the end that validly start a multi-byte sequence whose last bytes have not come yet. */
function unfinishedLength(bytes: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const at = bytes.length - k;
    const b = bytes[at]!;
    if (b < 0x80) return 0;
    if (b < 0xc0) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    if (length <= k) return 0;
    // Padded with a byte that continues any sequence: valid so far if the sequence would be valid.
    const padded = new Uint8Array(length);
    padded.set(bytes.subarray(at));
    padded.fill(0x80, k);
    if (k === 1 && (b === 0xe0 || b === 0xf0)) padded[1] = b === 0xe0 ? 0xa0 : 0x90;
    return sequenceLength(padded, 0, length) === length ? k : 0;
  }
  return 0;
}

/** The length of the valid sequence at `i` (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), or 0. */
function sequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < end && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b >= 0xe1 && b <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
