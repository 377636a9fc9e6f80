// A delta event's token digest written straight from the input bytes: `"<stream>=<fnv1a32 hex>"` where
// the stream key's parts and the hashed text are spans of the JSON text the tape reader parsed — no
// string is decoded or built. It applies when those spans are already what the string path would
// produce: the delta's UTF-8 (its bytes when unescaped — the session's input is valid UTF-8 — else
// unescaped into reused buffers and encoded as utf8EncodeInto does), key parts that are unescaped ASCII strings, numbers JSON.stringify would
// write as they are, booleans, null or absent (which print as nothing). Otherwise it writes nothing
// and returns false, and the caller takes the string path (session/tokens.ts), which gives the same.
import { ByteSink, CharSink, F_CANONICAL_NUMBER, F_ESCAPED, F_NON_ASCII, JsonKind, JsonReader, fnv1a32, unescapeInto } from '@llms-wasm/module-kit/assembly';

const units = new CharSink(256);
const utf8 = new ByteSink(256);

/** True when node `n` (or -1) prints as a stream key part exactly as its bytes (or as nothing). */
function plainKeyPart(r: JsonReader, n: i32): bool {
  if (n < 0) return true;
  const k = r.kind(n);
  if (k == JsonKind.String) return (r.flags(n) & (F_ESCAPED | F_NON_ASCII)) == 0;
  if (k == JsonKind.Number) return (r.flags(n) & F_CANONICAL_NUMBER) != 0;
  return k == JsonKind.Bool || k == JsonKind.Null;
}

function writeKeyPart(out: ByteSink, r: JsonReader, n: i32): void {
  if (n < 0) return;
  const k = r.kind(n);
  if (k == JsonKind.String || k == JsonKind.Number) out.writeBytes(r.base + <usize>r.start(n), <i32>r.byteLength(n));
}

function hexDigit(d: u32): u32 {
  return d < 10 ? 0x30 + d : 0x57 + d;
}

/**
 * Writes the JSON string `"<prefix><item>[/<index>]=<hash>"` for delta node `delta` (a string), with
 * `index` < -1 meaning the stream has no index part; false (nothing written) when the spans do not apply.
 */
export function writeByteDigest(out: ByteSink, r: JsonReader, prefix: string, item: i32, index: i32, delta: i32): bool {
  if (!plainKeyPart(r, item) || (index >= -1 && !plainKeyPart(r, index))) return false;
  const p = r.base + <usize>r.start(delta);
  const len = <i32>r.byteLength(delta);
  let h: u32;
  if ((r.flags(delta) & F_ESCAPED) == 0) h = fnv1a32(p, len);
  else {
    units.reset();
    unescapeInto(units, p, len);
    utf8.reset();
    utf8.writeUtf16(units.ptr, units.length);
    h = fnv1a32(utf8.ptr, utf8.length);
  }
  out.writeByte(0x22);
  out.writeAscii(prefix);
  writeKeyPart(out, r, item);
  if (index >= -1) {
    out.writeByte(0x2f);
    writeKeyPart(out, r, index);
  }
  out.writeByte(0x3d);
  for (let i = 28; i >= 0; i -= 4) out.writeByte(hexDigit((h >> <u32>i) & 15));
  out.writeByte(0x22);
  return true;
}

/** Writes the decimal digits of `n` (>= 0), as `n.toString()` would, without building the string. */
export function writeUint(out: ByteSink, n: i32): void {
  if (n < 10) {
    out.writeByte(0x30 + <u32>n);
    return;
  }
  let digits = 1;
  for (let x = n / 10; x > 0; x /= 10) digits++;
  out.ensure(digits);
  let p = out.ptr + <usize>out.length + <usize>digits;
  let x = n;
  while (x > 0) {
    p--;
    store<u8>(p, <u8>(0x30 + x % 10));
    x /= 10;
  }
  out.length += digits;
}
