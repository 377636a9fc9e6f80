// Re-encodes the content of an escaped JSON string (as scanned by JsonReader: valid escapes, valid
// UTF-8) the way JSON.stringify writes the decoded string: \" \\ \b \f \n \r \t, other controls and
// lone surrogates as lowercase \u00xx / \udxxx, everything else (including `/` and U+2028) literal.
import { ByteSink } from '../sink';
import { hexDigit } from './reader-scan';

const HEX: StaticArray<u8> = [0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66];

function writeUnitEscape(sink: ByteSink, u: u32): void {
  sink.writeByte(0x5c);
  switch (u) {
    case 0x22:
      sink.writeByte(0x22);
      return;
    case 0x5c:
      sink.writeByte(0x5c);
      return;
    case 0x08:
      sink.writeByte(0x62);
      return;
    case 0x0c:
      sink.writeByte(0x66);
      return;
    case 0x0a:
      sink.writeByte(0x6e);
      return;
    case 0x0d:
      sink.writeByte(0x72);
      return;
    case 0x09:
      sink.writeByte(0x74);
      return;
  }
  sink.writeByte(0x75);
  sink.writeByte(unchecked(HEX[(u >> 12) & 15]));
  sink.writeByte(unchecked(HEX[(u >> 8) & 15]));
  sink.writeByte(unchecked(HEX[(u >> 4) & 15]));
  sink.writeByte(unchecked(HEX[u & 15]));
}

function writeCodePointUtf8(sink: ByteSink, cp: u32): void {
  if (cp < 0x80) sink.writeByte(cp);
  else if (cp < 0x800) {
    sink.writeByte(0xc0 | (cp >> 6));
    sink.writeByte(0x80 | (cp & 63));
  } else if (cp < 0x10000) {
    sink.writeByte(0xe0 | (cp >> 12));
    sink.writeByte(0x80 | ((cp >> 6) & 63));
    sink.writeByte(0x80 | (cp & 63));
  } else {
    sink.writeByte(0xf0 | (cp >> 18));
    sink.writeByte(0x80 | ((cp >> 12) & 63));
    sink.writeByte(0x80 | ((cp >> 6) & 63));
    sink.writeByte(0x80 | (cp & 63));
  }
}

// @ts-ignore: decorator
@inline
function hex4(p: usize): u32 {
  return (hexDigit(load<u8>(p)) << 12) | (hexDigit(load<u8>(p + 1)) << 8) | (hexDigit(load<u8>(p + 2)) << 4) | hexDigit(load<u8>(p + 3));
}

/** Writes `"…"` for the escaped string content at `p` (`len` bytes, quotes excluded). */
export function writeCanonicalEscaped(sink: ByteSink, p: usize, len: i32): void {
  const end = p + <usize>len;
  sink.writeByte(0x22);
  let run = p;
  while (p < end) {
    if (<u32>load<u8>(p) != 0x5c) {
      p++;
      continue;
    }
    if (p > run) sink.writeBytes(run, <i32>(p - run));
    const e = <u32>load<u8>(p + 1);
    if (e != 0x75) {
      if (e == 0x2f) sink.writeByte(0x2f);
      else sink.writeBytes(p, 2); // \" \\ \b \f \n \r \t are already JSON.stringify's forms
      p += 2;
      run = p;
      continue;
    }
    const u = hex4(p + 2);
    p += 6;
    if (u - 0xd800 < 0x400 && p + 6 <= end && <u32>load<u8>(p) == 0x5c && <u32>load<u8>(p + 1) == 0x75) {
      const low = hex4(p + 2);
      if (low - 0xdc00 < 0x400) {
        writeCodePointUtf8(sink, 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00));
        p += 6;
        run = p;
        continue;
      }
    }
    if (u < 0x20 || u == 0x22 || u == 0x5c || u - 0xd800 < 0x800) writeUnitEscape(sink, u);
    else writeCodePointUtf8(sink, u);
    run = p;
  }
  if (end > run) sink.writeBytes(run, <i32>(end - run));
  sink.writeByte(0x22);
}
