// A JavaScript object whose keys may hold `undefined` (kept in place, skipped by JSON.stringify), for
// objects llms builds with literals and spreads where a key's position is fixed before its value is known.
import { JsonObject, JsonValue } from '@llms-wasm/module-kit/assembly';
import { Val } from './values';

export class Ordered {
  keys: Array<string> = new Array<string>();
  vals: Array<Val> = new Array<Val>();

  /** `obj[key] = value` (existing keys keep their position). */
  set(key: string, value: Val): void {
    const i = this.keys.indexOf(key);
    if (i >= 0) {
      this.vals[i] = value;
      return;
    }
    this.keys.push(key);
    this.vals.push(value);
  }

  get(key: string): Val {
    const i = this.keys.indexOf(key);
    return i >= 0 ? this.vals[i] : null;
  }

  /** `{ ...this }` */
  clone(): Ordered {
    const o = new Ordered();
    o.keys = this.keys.slice(0);
    o.vals = this.vals.slice(0);
    return o;
  }

  /** The JSON object JSON.stringify would print (undefined members dropped). */
  toJson(): JsonObject {
    const o = new JsonObject();
    for (let i = 0; i < this.keys.length; i++) {
      const v = this.vals[i];
      if (v !== null) o.set(this.keys[i], changetype<JsonValue>(v));
    }
    return o;
  }
}

/** A plain literal: sets only defined members (their order is the literal's). */
export function setDefined(o: JsonObject, key: string, v: Val): void {
  if (v !== null) o.set(key, changetype<JsonValue>(v));
}
