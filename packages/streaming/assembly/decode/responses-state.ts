// The per-item state of the Responses builder (0.4.2's outputItemState) and the Map that holds it.
import { JsonArray, JsonValue, jsonArray, jsonNull, jsonNumber } from '@llms-wasm/module-kit/assembly';
import { Val, arrayIndex } from '../js/values';

/**
 * A JavaScript array written to by property key (`parts[contentIndex] = part`): index keys land in
 * the array (holes print as null), other keys are properties JSON.stringify never shows.
 */
export class ContentParts {
  readonly array: JsonArray = jsonArray();
  private readonly extra: Map<string, JsonValue> = new Map<string, JsonValue>();

  get length(): i32 {
    return this.array.length;
  }

  get(key: string): Val {
    const i = arrayIndex(key);
    if (i < 0) return this.extra.has(key) ? this.extra.get(key) : null;
    if (i >= <i64>this.array.length) return null;
    const v = this.array.items[<i32>i];
    // Stored parts are always truthy, so a null slot is a hole (undefined).
    return v.isNull() ? null : v;
  }

  set(key: string, value: JsonValue): void {
    const i = arrayIndex(key);
    if (i < 0) {
      this.extra.set(key, value);
      return;
    }
    while (<i64>this.array.length <= i) this.array.push(jsonNull());
    this.array.items[<i32>i] = value;
  }
}

export class ItemState {
  id: Val = null;
  type: Val = null;
  status: string = 'in_progress';
  parts: ContentParts = new ContentParts();
  current: Val = jsonNumber(0);
  accumulated: JsonValue = jsonArray();
  role: Val = null;
  callId: Val = null;
  name: Val = null;
  arguments: Val = null;
}

/** A JavaScript Map from item id (by js/values mapKey) to state, in insertion order. */
export class ItemTable {
  readonly order: Array<ItemState> = new Array<ItemState>();
  private readonly index: Map<string, i32> = new Map<string, i32>();

  get size(): i32 {
    return this.order.length;
  }

  // The last key found and its position (consecutive deltas name the same item); a key's position never changes.
  private lastKey: string | null = null;
  private lastAt: i32 = 0;

  get(key: string): ItemState | null {
    const last = this.lastKey;
    if (last !== null && changetype<usize>(last) == changetype<usize>(key)) return unchecked(this.order[this.lastAt]);
    if (!this.index.has(key)) return null;
    const at = this.index.get(key);
    this.lastKey = key;
    this.lastAt = at;
    return this.order[at];
  }

  /** Map#set: a known key keeps its position and gets the new state. */
  set(key: string, st: ItemState): void {
    if (this.index.has(key)) {
      this.order[this.index.get(key)] = st;
      return;
    }
    this.index.set(key, this.order.length);
    this.order.push(st);
  }
}
