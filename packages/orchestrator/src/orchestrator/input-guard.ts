import { createHash } from 'node:crypto';

/** A copy of a call's input taken before the primary ran, and a way to tell whether the primary changed it. */
export type InputGuard =
  | { readonly ok: true; readonly clone: unknown; readonly changedBy: (input: unknown) => boolean }
  | { readonly ok: false; readonly reason: 'uncloneable' };

function digest(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return createHash('sha1').update(json ?? '\u0000unserializable').digest('base64');
}

/**
 * Clones the input (structured clone: exactly what the primary received) and hashes it, so the shadow
 * sees the input as it was and a primary that mutates its input is detected afterwards.
 */
export function guardInput(input: unknown): InputGuard {
  let clone: unknown;
  try {
    clone = structuredClone(input);
  } catch {
    return { ok: false, reason: 'uncloneable' };
  }
  const before = digest(input);
  return { ok: true, clone, changedBy: (after) => digest(after) !== before };
}
