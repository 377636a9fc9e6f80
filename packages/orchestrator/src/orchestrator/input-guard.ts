import { serialize } from 'node:v8';

/**
 * A copy of a call's input taken before the primary ran, and a way to tell whether the primary changed
 * it. The copy is the input's structured-clone serialization: one flat buffer (the shadow worker
 * deserializes it: exactly what the primary received), so this thread builds no second object graph and
 * posting it to a worker is a byte copy.
 */
export type InputGuard =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly changedBy: (input: unknown) => boolean }
  | { readonly ok: false; readonly reason: 'uncloneable' };

/** Serializes the input; a primary that mutated it is detected afterwards by serializing it again. */
export function guardInput(input: unknown): InputGuard {
  let bytes: Buffer;
  try {
    bytes = serialize(input);
  } catch {
    return { ok: false, reason: 'uncloneable' };
  }
  return {
    ok: true,
    bytes,
    changedBy: (after) => {
      try {
        return !serialize(after).equals(bytes);
      } catch {
        return true;
      }
    },
  };
}
