// llms 0.4.2 `normalizeFunctionCallId` / `normalizeFunctionCallOutputId` (conversion/shared/
// responses-id-utils.js; one function under two names): an `fc_` id from the call id, else from the
// fallback, else random (`fc_` + Math.random().toString(36).slice(2, 10)).
import { JsonValue, jsTrim } from '@llms-wasm/module-kit/assembly';
import { lowerAscii } from '../js/chars';
import { randomBase36 } from '../js/random';

function hasPrefix(s: string, lit: string): bool {
  if (s.length <= lit.length) return false;
  for (let i = 0; i < lit.length; i++) if (lowerAscii(s.charCodeAt(i)) != lit.charCodeAt(i)) return false;
  const c = <i32>s.charCodeAt(lit.length);
  return c == 0x5f || c == 0x2d;
}

/** stripPrefix: null for a non-string or blank value. */
function stripPrefix(value: JsonValue | null): string | null {
  if (value === null) return null;
  const raw = value.asString();
  if (raw === null) return null;
  const t = jsTrim(raw);
  if (t.length == 0) return null;
  if (hasPrefix(t, 'fc')) return 'fc_' + t.substring(3);
  if (hasPrefix(t, 'call')) return 'fc_' + t.substring(5);
  return 'fc_' + t;
}

export function normalizeFunctionCallId(callId: JsonValue | null, fallback: JsonValue | null): string {
  const own = stripPrefix(callId);
  if (own !== null) return own;
  const fb = stripPrefix(fallback);
  if (fb !== null) return fb;
  return 'fc_' + randomBase36();
}
