// Event type names seen recently, by their bytes: a frame's `event:` value is decoded and looked up in
// the parser's allowed set once per distinct name, not once per frame (a stream repeats a handful of
// names thousands of times). A name is only served from the cache when its bytes are identical, so
// the string (and its membership) is exactly what decoding and looking it up would give.
import { ByteSink, utf8Decode } from '@llms-wasm/module-kit/assembly';

const MAX_ENTRIES = 64;
const MAX_NAME_BYTES = 128;

class Entry {
  constructor(public readonly offset: i32, public readonly len: i32, public readonly name: string) {}
  /** The set `allowed` was computed against (identity), and the answer. */
  set: Set<string> | null = null;
  allowed: bool = false;
  /** -1 not computed; else 0/1 (a caller-defined flag, see session/fast-deltas.ts). */
  flag: i32 = -1;
}

const bytes = new ByteSink(MAX_ENTRIES * 32);
const entries = new Array<Entry>();
let last: Entry | null = null;

function find(p: usize, len: i32): Entry | null {
  const l = last;
  if (l !== null && l.len == len && memory.compare(bytes.ptr + <usize>l.offset, p, <usize>len) == 0) return l;
  for (let i = 0; i < entries.length; i++) {
    const e = unchecked(entries[i]);
    if (e.len == len && memory.compare(bytes.ptr + <usize>e.offset, p, <usize>len) == 0) {
      last = e;
      return e;
    }
  }
  return null;
}

/** The entry for the UTF-8 name at [p, p+len) (added when there is room), or null when not cached. */
export function typeEntry(p: usize, len: i32): Entry | null {
  const hit = find(p, len);
  if (hit !== null || len > MAX_NAME_BYTES || entries.length >= MAX_ENTRIES) return hit;
  const e = new Entry(bytes.length, len, utf8Decode(p, len));
  bytes.writeBytes(p, len);
  entries.push(e);
  last = e;
  return e;
}

/** The decoded name at [p, p+len). */
export function typeName(p: usize, len: i32): string {
  const e = typeEntry(p, len);
  return e === null ? utf8Decode(p, len) : e.name;
}

/** `allowed.has(name)` for the name at [p, p+len), cached per set. */
export function typeAllowed(p: usize, len: i32, name: string, allowed: Set<string>): bool {
  const e = typeEntry(p, len);
  if (e === null) return allowed.has(name);
  if (e.set !== allowed) {
    e.set = allowed;
    e.allowed = allowed.has(name);
  }
  return e.allowed;
}
