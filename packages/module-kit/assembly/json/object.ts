// A JSON object with JavaScript's own-property order (OrdinaryOwnPropertyKeys): array-index keys
// (canonical decimal strings of 0..2^32-2) first in ascending numeric order, then every other key
// in insertion order. Setting an existing key replaces its value in place (JSON.parse: the last
// duplicate wins, at the first one's position); deleting and re-adding moves a key to the end.
//
// Storage: parallel key/value slots in insertion order. Index keys and deletions are rare, so the
// JS order is restored lazily (one sort + compaction) the first time order is observed. Objects
// with more than MAP_THRESHOLD keys get a hash index on their first lookup.
import { JsonArray, JsonKind, JsonValue, jsonNull } from './value';

const NAMED: i64 = -1;
const DELETED: i64 = -2;
/** Above this many live keys, lookups go through a hash map instead of a linear scan. */
const MAP_THRESHOLD = 8;

/** The array index `key` denotes (canonical decimal of 0..4294967294), or -1 for any other key. */
export function arrayIndexOf(key: string): i64 {
  const n = key.length;
  if (n == 0 || n > 10) return -1;
  const p = changetype<usize>(key);
  const c0 = <u32>load<u16>(p) - 0x30;
  if (c0 > 9) return -1;
  if (c0 == 0) return n == 1 ? 0 : -1;
  let v = <i64>c0;
  for (let i = 1; i < n; i++) {
    const d = <u32>load<u16>(p + (<usize>i << 1)) - 0x30;
    if (d > 9) return -1;
    v = v * 10 + <i64>d;
  }
  return v <= 4294967294 ? v : -1;
}

/** FNV-1a over the UTF-16 code units (for the duplicate-key table). */
function hashKey(s: string): u32 {
  const p = changetype<usize>(s);
  let h: u32 = 0x811c9dc5;
  for (let i = 0, n = s.length; i < n; i++) h = (h ^ <u32>load<u16>(p + (<usize>i << 1))) * 0x01000193;
  return h;
}

// Raw open-addressing table (slot + 1 per entry) reused by fromMembers for large objects.
let dedupTable: usize = 0;
let dedupCapacity: i32 = 0;

export class JsonObject extends JsonValue {
  private ks: StaticArray<string>;
  private vs: StaticArray<JsonValue>;
  /** Per slot: array index (>= 0), NAMED or DELETED. null while every key is a live named key. */
  private tags: StaticArray<i64> | null = null;
  /** Slots in use (live + deleted). */
  private count: i32 = 0;
  private live: i32 = 0;
  /** True when the slots are exactly the JS order (no tombstones, index keys sorted and first). */
  private ordered: bool = true;
  private sawNamed: bool = false;
  private lastIndex: i64 = -1;
  private map: Map<string, i32> | null = null;

  constructor(capacity: i32 = 4) {
    super(JsonKind.Object);
    const cap = capacity < 1 ? 1 : capacity;
    this.ks = new StaticArray<string>(cap);
    this.vs = new StaticArray<JsonValue>(cap);
  }

  /**
   * Builds an object from `n` members (keys[keyStart..], values[valueStart..]) as JSON.parse does:
   * a repeated key keeps its first position and takes the last value.
   */
  static fromMembers(keys: Array<string>, keyStart: i32, values: Array<JsonValue>, valueStart: i32, n: i32): JsonObject {
    const o = new JsonObject(n);
    const ks = o.ks;
    const vs = o.vs;
    let m = 0;
    if (n <= MAP_THRESHOLD) {
      for (let i = 0; i < n; i++) {
        const k = unchecked(keys[keyStart + i]);
        const v = unchecked(values[valueStart + i]);
        let j = 0;
        while (j < m && unchecked(ks[j]) != k) j++;
        if (j < m) unchecked((vs[j] = v));
        else {
          unchecked((ks[m] = k));
          unchecked((vs[m] = v));
          m++;
        }
      }
    } else {
      let cap = 16;
      while (cap < n * 2) cap <<= 1;
      if (cap > dedupCapacity) {
        if (dedupTable != 0) heap.free(dedupTable);
        dedupTable = heap.alloc(<usize>cap << 2);
        dedupCapacity = cap;
      }
      const table = dedupTable;
      memory.fill(table, 0, <usize>cap << 2);
      const mask = <u32>(cap - 1);
      for (let i = 0; i < n; i++) {
        const k = unchecked(keys[keyStart + i]);
        const v = unchecked(values[valueStart + i]);
        let h = hashKey(k) & mask;
        while (true) {
          const e = load<i32>(table + (<usize>h << 2));
          if (e == 0) {
            store<i32>(table + (<usize>h << 2), m + 1);
            unchecked((ks[m] = k));
            unchecked((vs[m] = v));
            m++;
            break;
          }
          if (unchecked(ks[e - 1]) == k) {
            unchecked((vs[e - 1] = v));
            break;
          }
          h = (h + 1) & mask;
        }
      }
    }
    o.count = m;
    o.live = m;
    // Array-index keys need tags and, unless they already lead in ascending order, a sort.
    let tags: StaticArray<i64> | null = null;
    for (let i = 0; i < m; i++) {
      const k = unchecked(ks[i]);
      const idx = k.length != 0 && <u32>load<u16>(changetype<usize>(k)) - 0x30 <= 9 ? arrayIndexOf(k) : -1;
      if (idx >= 0 && tags === null) {
        tags = new StaticArray<i64>(ks.length);
        for (let j = 0; j < i; j++) unchecked((tags[j] = NAMED));
      }
      if (tags !== null) unchecked((tags[i] = idx >= 0 ? idx : NAMED));
      if (idx >= 0) {
        if (o.sawNamed || idx < o.lastIndex) o.ordered = false;
        if (idx > o.lastIndex) o.lastIndex = idx;
      } else {
        o.sawNamed = true;
      }
    }
    o.tags = tags;
    return o;
  }

  /** Number of own properties. */
  get size(): i32 {
    return this.live;
  }

  // Slot of a live key, or -1.
  private find(key: string): i32 {
    let map = this.map;
    if (map === null && this.live > MAP_THRESHOLD) {
      this.buildMap();
      map = this.map;
    }
    if (map !== null) return map.has(key) ? map.get(key) : -1;
    const ks = this.ks;
    const tags = this.tags;
    for (let i = 0, n = this.count; i < n; i++) {
      if (unchecked(ks[i]) == key && (tags === null || unchecked(tags[i]) != DELETED)) return i;
    }
    return -1;
  }

  private buildMap(): void {
    const map = new Map<string, i32>();
    const ks = this.ks;
    const tags = this.tags;
    for (let i = 0, n = this.count; i < n; i++) {
      if (tags === null || unchecked(tags[i]) != DELETED) map.set(unchecked(ks[i]), i);
    }
    this.map = map;
  }

  private ensureTags(): StaticArray<i64> {
    let tags = this.tags;
    if (tags === null) {
      tags = new StaticArray<i64>(this.ks.length);
      for (let i = 0, n = this.count; i < n; i++) unchecked((tags[i] = NAMED));
      this.tags = tags;
    }
    return tags;
  }

  private grow(): void {
    const cap = this.ks.length * 2;
    const ks = new StaticArray<string>(cap);
    const vs = new StaticArray<JsonValue>(cap);
    for (let i = 0, n = this.count; i < n; i++) {
      unchecked((ks[i] = this.ks[i]));
      unchecked((vs[i] = this.vs[i]));
    }
    this.ks = ks;
    this.vs = vs;
    const old = this.tags;
    if (old !== null) {
      const tags = new StaticArray<i64>(cap);
      for (let i = 0, n = this.count; i < n; i++) unchecked((tags[i] = old[i]));
      this.tags = tags;
    }
  }

  /** The value of `key`, or null when absent. */
  get(key: string): JsonValue | null {
    const slot = this.find(key);
    return slot < 0 ? null : unchecked(this.vs[slot]);
  }

  has(key: string): bool {
    return this.find(key) >= 0;
  }

  /** Sets `key` like `obj[key] = value`: an existing key keeps its position. Returns this. */
  set(key: string, value: JsonValue): JsonObject {
    const slot = this.find(key);
    if (slot >= 0) {
      unchecked((this.vs[slot] = value));
      return this;
    }
    if (this.count == this.ks.length) this.grow();
    const at = this.count;
    const idx = arrayIndexOf(key);
    if (idx >= 0) {
      unchecked((this.ensureTags()[at] = idx));
      if (this.sawNamed || idx < this.lastIndex) this.ordered = false;
      if (idx > this.lastIndex) this.lastIndex = idx;
    } else {
      const tags = this.tags;
      if (tags !== null) unchecked((tags[at] = NAMED));
      this.sawNamed = true;
    }
    unchecked((this.ks[at] = key));
    unchecked((this.vs[at] = value));
    this.count++;
    this.live++;
    const map = this.map;
    if (map !== null) map.set(key, at);
    return this;
  }

  /** Removes `key` like `delete obj[key]`; returns whether it was present. */
  delete(key: string): bool {
    const slot = this.find(key);
    if (slot < 0) return false;
    const tags = this.ensureTags();
    unchecked((tags[slot] = DELETED));
    unchecked((this.ks[slot] = ''));
    unchecked((this.vs[slot] = jsonNull()));
    this.live--;
    this.ordered = false;
    const map = this.map;
    if (map !== null) map.delete(key);
    if (this.count > 2 * this.live + 16) this.normalize();
    return true;
  }

  /** Rearranges storage into JS property order (cheap when already ordered). */
  normalize(): void {
    if (this.ordered) return;
    const tags = this.ensureTags();
    const ks = this.ks;
    const vs = this.vs;
    const n = this.count;
    // Index keys sorted by value (they are unique): (index << 31 | slot) sorts numerically.
    const order = new Array<i64>();
    for (let i = 0; i < n; i++) {
      const t = unchecked(tags[i]);
      if (t >= 0) order.push((t << 31) | <i64>i);
    }
    order.sort();
    const cap = this.live < 1 ? 1 : this.live;
    const nks = new StaticArray<string>(cap);
    const nvs = new StaticArray<JsonValue>(cap);
    const ntags = new StaticArray<i64>(cap);
    let j = 0;
    let lastIndex: i64 = -1;
    for (let k = 0, m = order.length; k < m; k++) {
      const slot = <i32>(unchecked(order[k]) & 0x7fffffff);
      unchecked((nks[j] = ks[slot]));
      unchecked((nvs[j] = vs[slot]));
      lastIndex = unchecked(tags[slot]);
      unchecked((ntags[j] = lastIndex));
      j++;
    }
    let sawNamed = false;
    for (let i = 0; i < n; i++) {
      if (unchecked(tags[i]) == NAMED) {
        unchecked((nks[j] = ks[i]));
        unchecked((nvs[j] = vs[i]));
        unchecked((ntags[j] = NAMED));
        j++;
        sawNamed = true;
      }
    }
    this.ks = nks;
    this.vs = nvs;
    this.tags = ntags;
    this.count = j;
    this.ordered = true;
    this.sawNamed = sawNamed;
    this.lastIndex = lastIndex;
    if (this.map !== null) this.buildMap();
  }

  /** The i-th key in JS order (0 <= i < size). */
  keyAt(i: i32): string {
    this.normalize();
    assert(<u32>i < <u32>this.count, 'key index out of range');
    return unchecked(this.ks[i]);
  }

  /** The i-th value in JS order (0 <= i < size). */
  valueAt(i: i32): JsonValue {
    this.normalize();
    assert(<u32>i < <u32>this.count, 'value index out of range');
    return unchecked(this.vs[i]);
  }

  /** keyAt without the order check: only after normalize(), with 0 <= i < size. */
  // @ts-ignore: decorator
  @inline keyAtUnchecked(i: i32): string {
    return unchecked(this.ks[i]);
  }

  /** valueAt without the order check: only after normalize(), with 0 <= i < size. */
  // @ts-ignore: decorator
  @inline valueAtUnchecked(i: i32): JsonValue {
    return unchecked(this.vs[i]);
  }

  /** The keys in JS order (a copy; like Object.keys). */
  keys(): Array<string> {
    this.normalize();
    const out = new Array<string>(this.count);
    for (let i = 0, n = this.count; i < n; i++) unchecked((out[i] = this.ks[i]));
    return out;
  }

  /** The values in JS order (a copy; like Object.values). */
  values(): Array<JsonValue> {
    this.normalize();
    const out = new Array<JsonValue>(this.count);
    for (let i = 0, n = this.count; i < n; i++) unchecked((out[i] = this.vs[i]));
    return out;
  }

  /** The string at `key`, or null when absent or not a string. */
  getString(key: string): string | null {
    const v = this.get(key);
    return v === null ? null : v.asString();
  }

  /** The number at `key`, or NaN when absent or not a number. */
  getNumber(key: string): f64 {
    const v = this.get(key);
    return v === null ? NaN : v.asNumber();
  }

  /** The boolean at `key`, or `fallback` when absent or not a boolean. */
  getBool(key: string, fallback: bool = false): bool {
    const v = this.get(key);
    return v === null || v.kind != JsonKind.Bool ? fallback : v.asBool();
  }

  /** The object at `key`, or null. */
  getObject(key: string): JsonObject | null {
    const v = this.get(key);
    return v === null ? null : v.asObject();
  }

  /** The array at `key`, or null. */
  getArray(key: string): JsonArray | null {
    const v = this.get(key);
    return v === null ? null : v.asArray();
  }
}
