/**
 * Which field names carry credentials. A name is compared after lower-casing and dropping `-`, `_`, `.`
 * and spaces, so `X-Api-Key`, `x_api_key` and `xApiKey` are the same name.
 *
 * A name is a credential when it is one of {@link EXACT}, ends with one of {@link SUFFIXES}, or contains
 * one of {@link CONTAINS}. Usage counters such as `max_tokens`, `prompt_tokens` or a tokenizer's
 * `eos_token` are deliberately not credentials; neither is a bare `key` (routing and cache keys) nor
 * `signature` (Anthropic thinking signatures are opaque blobs, caught by the high-entropy rule instead).
 */
const EXACT: ReadonlySet<string> = new Set([
  'token',
  'secret',
  'session',
  'sessionid',
  'sessid',
  'phpsessid',
  'jsessionid',
  'pwd',
  'pat',
  'otp',
  'accesskey',
  'accesskeyid',
  'awsaccesskeyid',
  'subscriptionkey',
  'ocpapimsubscriptionkey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'clientkey',
]);

const SUFFIXES: readonly string[] = [
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authtoken',
  'apitoken',
  'bearertoken',
  'sessiontoken',
  'securitytoken',
  'oauthtoken',
  'csrftoken',
  'xsrftoken',
  'bottoken',
  'sessionid',
];

const CONTAINS: readonly string[] = [
  'authorization',
  'cookie',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'apikey',
  'privatekey',
  'credential',
];

/** Lower-case and drop separators: `X-Api-Key` -> `xapikey`. */
export function normalizeKeyName(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

/** Builds the credential-name test, extended with the configured extra names (same normalization). */
export function credentialKeyTest(extra: readonly string[] = []): (name: string) => boolean {
  const exact = new Set([...EXACT, ...extra.map(normalizeKeyName)]);
  return (name) => {
    if (name.length > 128) return false;
    const n = normalizeKeyName(name);
    if (n === '') return false;
    if (exact.has(n)) return true;
    for (const s of SUFFIXES) if (n.endsWith(s)) return true;
    for (const c of CONTAINS) if (n.includes(c)) return true;
    return false;
  };
}

const QUERY_NAMES: ReadonlySet<string> = new Set(['key', 'sig', 'signature', 'xamzsignature', 'xamzcredential', 'xgoogsignature', 'xgoogcredential']);

/** Query/kv names whose `=` value is a credential even though the field name alone is not (`?key=…`). */
export function isQueryCredentialName(name: string): boolean {
  const n = normalizeKeyName(name);
  return QUERY_NAMES.has(n);
}

/** Field names whose string value is a stack trace (hashed, never stored). */
export function isStackKey(name: string): boolean {
  const n = normalizeKeyName(name);
  return n === 'stack' || n === 'stacktrace' || n === 'backtrace';
}
