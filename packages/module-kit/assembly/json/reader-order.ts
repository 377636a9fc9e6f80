// Whether an object's members, as written, are already in the order JSON.parse would give them
// (JavaScript's own-property order: array-index keys first, ascending; a repeated key keeps its
// first position and takes the last value). When not, the object is flagged F_REORDER and readers
// and writers take the ordered path (memberOrder).
import { JsonReader } from './reader';
import { F_ESCAPED, F_REORDER, nodeAt, nodeFlags, nodeNext, nodeSize, nodeStart } from './tape';

/** True when the key's bytes are an array index: a canonical decimal of 0..4294967294. */
function isIndexKey(p: usize, len: u32): bool {
  if (len == 0 || len > 10) return false;
  const c0 = <u32>load<u8>(p) - 0x30;
  if (c0 > 9) return false;
  if (c0 == 0) return len == 1;
  let v: u64 = c0;
  for (let i: u32 = 1; i < len; i++) {
    const d = <u32>load<u8>(p + <usize>i) - 0x30;
    if (d > 9) return false;
    v = v * 10 + <u64>d;
  }
  return v <= 4294967294;
}

// Scratch table for duplicate detection in large objects (key node + 1 per slot; 0 = empty).
let table: usize = 0;
let tableCapacity: i32 = 0;

function hashBytes(p: usize, len: u32): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i: u32 = 0; i < len; i++) h = (h ^ <u32>load<u8>(p + <usize>i)) * 0x01000193;
  return h ^ (h >> 16);
}

function sameKey(r: JsonReader, a: i32, b: i32): bool {
  const la = nodeSize(r.tape, a);
  return la == nodeSize(r.tape, b) && memory.compare(r.base + <usize>nodeStart(r.tape, a), r.base + <usize>nodeStart(r.tape, b), <usize>la) == 0;
}

/** Sets F_REORDER on object `n` when its written order is not JSON.parse's order. */
export function markObjectOrder(r: JsonReader, n: i32): void {
  const members = <i32>nodeSize(r.tape, n);
  if (members == 0) return;
  let reorder = false;
  let k = n + 1;
  for (let i = 0; i < members && !reorder; i++) {
    if ((nodeFlags(r.tape, k) & F_ESCAPED) != 0 || isIndexKey(r.base + <usize>nodeStart(r.tape, k), nodeSize(r.tape, k))) reorder = true;
    k = nodeNext(r.tape, k + 1);
  }
  if (!reorder && members > 1) reorder = members <= 16 ? smallHasRepeat(r, n, members) : largeHasRepeat(r, n, members);
  if (reorder) {
    const p = nodeAt(r.tape, n);
    store<u32>(p, load<u32>(p) | F_REORDER);
  }
}

function smallHasRepeat(r: JsonReader, n: i32, members: i32): bool {
  let a = n + 1;
  for (let i = 0; i < members; i++) {
    let b = nodeNext(r.tape, a + 1);
    for (let j = i + 1; j < members; j++) {
      if (sameKey(r, a, b)) return true;
      b = nodeNext(r.tape, b + 1);
    }
    a = nodeNext(r.tape, a + 1);
  }
  return false;
}

function largeHasRepeat(r: JsonReader, n: i32, members: i32): bool {
  let cap = 32;
  while (cap < members * 2) cap <<= 1;
  if (cap > tableCapacity) {
    if (table != 0) heap.free(table);
    table = heap.alloc(<usize>cap << 2);
    tableCapacity = cap;
  }
  memory.fill(table, 0, <usize>cap << 2);
  const mask = <u32>(cap - 1);
  let k = n + 1;
  for (let i = 0; i < members; i++) {
    let h = hashBytes(r.base + <usize>nodeStart(r.tape, k), nodeSize(r.tape, k)) & mask;
    while (true) {
      const slot = table + (<usize>h << 2);
      const e = load<i32>(slot);
      if (e == 0) {
        store<i32>(slot, k + 1);
        break;
      }
      if (sameKey(r, e - 1, k)) return true;
      h = (h + 1) & mask;
    }
    k = nodeNext(r.tape, k + 1);
  }
  return false;
}

/** The array index a key denotes (canonical decimal of 0..4294967294), or -1. */
function indexOfName(s: string): i64 {
  const n = s.length;
  if (n == 0 || n > 10) return -1;
  const c0 = <u32>s.charCodeAt(0) - 0x30;
  if (c0 > 9) return -1;
  if (c0 == 0) return n == 1 ? 0 : -1;
  let v: i64 = c0;
  for (let i = 1; i < n; i++) {
    const d = <u32>s.charCodeAt(i) - 0x30;
    if (d > 9) return -1;
    v = v * 10 + <i64>d;
  }
  return v <= 4294967294 ? v : -1;
}

/**
 * The members of object `n` in JSON.parse's order, written to `keysOut` (key node indices) and
 * `valuesOut` (value node indices), raw memory of at least `size(n)` i32 slots each: index keys
 * ascending, then named keys by first appearance; a repeated key appears once, at its first position,
 * with the value of its *last* occurrence. Returns the number of distinct members.
 */
export function memberOrder(r: JsonReader, n: i32, keysOut: usize, valuesOut: usize): i32 {
  const members = <i32>nodeSize(r.tape, n);
  const slotOf = new Map<string, i32>();
  const names = new Array<string>();
  const keys = new Array<i32>();
  const values = new Array<i32>();
  let k = n + 1;
  for (let i = 0; i < members; i++) {
    const name = r.string(k);
    if (slotOf.has(name)) unchecked((values[slotOf.get(name)] = k + 1));
    else {
      slotOf.set(name, names.length);
      names.push(name);
      keys.push(k);
      values.push(k + 1);
    }
    k = nodeNext(r.tape, k + 1);
  }
  const count = names.length;
  // Index keys first, ascending (insertion sort: objects with many index keys are rare); then the rest.
  const order = new Array<i32>();
  const orderIndex = new Array<i64>();
  for (let i = 0; i < count; i++) {
    const idx = indexOfName(unchecked(names[i]));
    if (idx < 0) continue;
    let j = order.length;
    order.push(i);
    orderIndex.push(idx);
    while (j > 0 && unchecked(orderIndex[j - 1]) > idx) {
      unchecked((order[j] = order[j - 1]));
      unchecked((orderIndex[j] = orderIndex[j - 1]));
      j--;
    }
    unchecked((order[j] = i));
    unchecked((orderIndex[j] = idx));
  }
  for (let i = 0; i < count; i++) if (indexOfName(unchecked(names[i])) < 0) order.push(i);
  for (let i = 0; i < count; i++) {
    const o = unchecked(order[i]);
    store<i32>(keysOut + (<usize>i << 2), unchecked(keys[o]));
    store<i32>(valuesOut + (<usize>i << 2), unchecked(values[o]));
  }
  return count;
}
