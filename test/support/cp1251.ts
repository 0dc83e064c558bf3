/** Windows-1251 bytes of a text, as Russian Excel and old 1C save CSV (Node can decode it but not encode it). */
export function toCp1251(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if (c >= 0x410 && c <= 0x44f) out[i] = c - 0x410 + 0xc0;
    else if (c === 0x401) out[i] = 0xa8;
    else if (c === 0x451) out[i] = 0xb8;
    else if (c === 0x2116) out[i] = 0xb9;
    else if (c === 0xab) out[i] = 0xab;
    else if (c === 0xbb) out[i] = 0xbb;
    else if (c === 0xa0) out[i] = 0xa0;
    else throw new RangeError(`no Windows-1251 byte for U+${c.toString(16)}`);
  }
  return out;
}
