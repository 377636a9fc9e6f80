import type { Redactor } from './redactor.js';

const LIMIT = 4096;
const SHORT = 256;

/**
 * The same redactor, remembering what it gave for short strings (identifiers and short free text repeat
 * on every record: module, operation, tenant, route, owner, versions). Redaction is a pure function of
 * the value and the key, so the memo changes no result; each memo holds at most 4096 values and starts
 * over when full, so distinct values (request ids) cannot make it grow. Values and payloads that are not
 * short strings are passed through.
 */
export function memoRedactor(redactor: Redactor): Redactor {
  let ids = new Map<string, string>();
  let texts = new Map<string, unknown>();
  return {
    ...redactor,
    config: redactor.config,
    identifier(value) {
      let out = ids.get(value);
      if (out === undefined) {
        out = redactor.identifier(value);
        if (ids.size >= LIMIT) ids = new Map();
        ids.set(value, out);
      }
      return out;
    },
    redact(value, at) {
      if (typeof value !== 'string' || value.length > SHORT || at !== undefined) return redactor.redact(value, at);
      let out = texts.get(value);
      if (out === undefined) {
        out = redactor.redact(value);
        if (texts.size >= LIMIT) texts = new Map();
        texts.set(value, out);
      }
      return out;
    },
  };
}
