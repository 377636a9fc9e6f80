import { createHmac } from 'node:crypto';

/**
 * Keyed hashing for PII masks (HMAC-SHA256). Each use passes a `domain` so the same input hashed for
 * different purposes (an email's local part, a phone number, a masked field) never gives the same bytes.
 */
export interface KeyedHasher {
  /** The first `chars` hex digits of HMAC(key, domain ‖ input). */
  hex(domain: string, input: string, chars: number): string;
  /** `count` pseudo-random bytes derived from HMAC(key, domain ‖ input) (HKDF-expand style). */
  bytes(domain: string, input: string, count: number): Uint8Array;
}

/** A hasher bound to `key`. The key is copied; the caller's buffer may be reused afterwards. */
export function createKeyedHasher(key: string | Uint8Array): KeyedHasher {
  const secret = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  const mac = (domain: string, input: string, block: number): Buffer =>
    createHmac('sha256', secret).update(`${domain}\u0000${block}\u0000`).update(input, 'utf8').digest();
  return {
    hex(domain, input, chars) {
      return mac(domain, input, 0).toString('hex').slice(0, chars);
    },
    bytes(domain, input, count) {
      const out = new Uint8Array(count);
      for (let block = 0, at = 0; at < count; block += 1) {
        const chunk = mac(domain, input, block);
        out.set(chunk.subarray(0, Math.min(chunk.length, count - at)), at);
        at += chunk.length;
      }
      return out;
    },
  };
}
