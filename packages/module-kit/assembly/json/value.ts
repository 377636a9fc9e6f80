// The JSON value model: what JSON.parse returns, as AssemblyScript classes.
// Numbers are f64, strings are UTF-16 (lone surrogates preserved), objects keep JavaScript's
// own-property order (see JsonObject in object.ts).
import { JsonObject } from './object';

/** The six JSON types. */
export enum JsonKind {
  Null = 0,
  Bool = 1,
  Number = 2,
  String = 3,
  Array = 4,
  Object = 5,
}

/** Any JSON value. Test `kind` (or the is* helpers) and read it with the as* helpers. */
export abstract class JsonValue {
  constructor(public readonly kind: JsonKind) {}

  // @ts-ignore: decorator
  @inline isNull(): bool {
    return this.kind == JsonKind.Null;
  }
  // @ts-ignore: decorator
  @inline isBool(): bool {
    return this.kind == JsonKind.Bool;
  }
  // @ts-ignore: decorator
  @inline isNumber(): bool {
    return this.kind == JsonKind.Number;
  }
  // @ts-ignore: decorator
  @inline isString(): bool {
    return this.kind == JsonKind.String;
  }
  // @ts-ignore: decorator
  @inline isArray(): bool {
    return this.kind == JsonKind.Array;
  }
  // @ts-ignore: decorator
  @inline isObject(): bool {
    return this.kind == JsonKind.Object;
  }

  /** The boolean, or false for any other kind. */
  asBool(): bool {
    return this.kind == JsonKind.Bool ? changetype<JsonBool>(this).value : false;
  }

  /** The number, or NaN for any other kind. */
  asNumber(): f64 {
    return this.kind == JsonKind.Number ? changetype<JsonNumber>(this).value : NaN;
  }

  /** The string, or null for any other kind. */
  asString(): string | null {
    return this.kind == JsonKind.String ? changetype<JsonString>(this).value : null;
  }

  /** The array, or null for any other kind. */
  asArray(): JsonArray | null {
    return this.kind == JsonKind.Array ? changetype<JsonArray>(this) : null;
  }

  /** The object, or null for any other kind. */
  asObject(): JsonObject | null {
    return this.kind == JsonKind.Object ? changetype<JsonObject>(this) : null;
  }
}

export class JsonNull extends JsonValue {
  constructor() {
    super(JsonKind.Null);
  }
}

export class JsonBool extends JsonValue {
  constructor(public readonly value: bool) {
    super(JsonKind.Bool);
  }
}

export class JsonNumber extends JsonValue {
  constructor(public readonly value: f64) {
    super(JsonKind.Number);
  }
}

export class JsonString extends JsonValue {
  constructor(public readonly value: string) {
    super(JsonKind.String);
  }
}

/** A JSON array: `items` is the live element list. */
export class JsonArray extends JsonValue {
  items: Array<JsonValue>;

  constructor(items: Array<JsonValue> | null = null) {
    super(JsonKind.Array);
    this.items = items === null ? new Array<JsonValue>() : items;
  }

  // @ts-ignore: decorator
  @inline get length(): i32 {
    return this.items.length;
  }

  /** The element at `i`, or null when out of range. */
  at(i: i32): JsonValue | null {
    return i >= 0 && i < this.items.length ? unchecked(this.items[i]) : null;
  }

  push(v: JsonValue): JsonArray {
    this.items.push(v);
    return this;
  }
}

const NULL_VALUE = new JsonNull();
const TRUE_VALUE = new JsonBool(true);
const FALSE_VALUE = new JsonBool(false);

/** The (shared) null value. */
export function jsonNull(): JsonValue {
  return NULL_VALUE;
}

/** The (shared) true or false value. */
export function jsonBool(b: bool): JsonValue {
  return b ? TRUE_VALUE : FALSE_VALUE;
}

export function jsonNumber(x: f64): JsonValue {
  return new JsonNumber(x);
}

export function jsonString(s: string): JsonValue {
  return new JsonString(s);
}

/** A new empty array, or one wrapping `items` (not copied). */
export function jsonArray(items: Array<JsonValue> | null = null): JsonArray {
  return new JsonArray(items);
}

/** A new empty object. */
export function jsonObject(): JsonObject {
  return new JsonObject();
}
