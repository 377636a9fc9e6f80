import { credentialKeyTest, isQueryCredentialName } from './credential-keys.js';
import { looksRandom } from './high-entropy.js';
import { removePairValues } from './pair-text.js';
import { structureEnd } from './structure-end.js';

/** What replaces a removed secret. It carries no information about what was there. */
export const SECRET_MARKER = '[secret]';

/** What replaces a match (`null` keeps it); `afterEscape` is true when the match begins on the letter of a JSON escape (`\n…`). */
type Replace = (match: string, groups: readonly (string | undefined)[], afterEscape: boolean) => string | null;

/** One rule: a global pattern and what to put in place of a match (`null` keeps the match). */
interface SecretRule {
  readonly id: string;
  readonly pattern: RegExp;
  readonly replace: Replace;
  /** Where a replaced match really ends (`end` by default): a rule may take what follows it too. */
  readonly extend?: (text: string, groups: readonly (string | undefined)[], end: number) => number;
}

const whole: Replace = () => SECRET_MARKER;
const TOKEN = '[A-Za-z0-9_-]';
/**
 * Where a token may start: not inside a longer word, but right after a JSON escape (`\n`, `\t` …)
 * even though its letter is alphanumeric — previews and JSON-in-strings are full of them.
 */
const AFTER_ESCAPE = String.raw`(?<=\\[nrtbf])`;
const NOT_BEFORE = `(?:(?<![A-Za-z0-9])|${AFTER_ESCAPE})`;
/** Where a credential name may start (a match on an escape's letter is corrected by `afterEscape`). */
const NAME_START = '(?<![A-Za-z0-9_.-])';

/** Known credential formats with a distinctive prefix; the whole token goes. */
const FORMAT_RULES: readonly SecretRule[] = [
  { id: 'pem', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g, replace: whole },
  { id: 'jwt', pattern: new RegExp(`(?:(?<![A-Za-z0-9_-])|${AFTER_ESCAPE})eyJ${TOKEN}{8,}\\.${TOKEN}{8,}(?:\\.${TOKEN}*){0,3}`, 'g'), replace: whole },
  { id: 'openai-anthropic', pattern: new RegExp(`${NOT_BEFORE}sk-${TOKEN}{20,}`, 'g'), replace: whole },
  { id: 'stripe', pattern: new RegExp(`${NOT_BEFORE}[rs]k_(?:live|test)_[A-Za-z0-9]{10,}`, 'g'), replace: whole },
  { id: 'github', pattern: new RegExp(`${NOT_BEFORE}(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})`, 'g'), replace: whole },
  { id: 'google', pattern: new RegExp(`${NOT_BEFORE}AIza${TOKEN}{30,}`, 'g'), replace: whole },
  { id: 'slack', pattern: new RegExp(`${NOT_BEFORE}(?:xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,})`, 'g'), replace: whole },
  { id: 'aws', pattern: new RegExp(`(?:(?<![A-Z0-9])|${AFTER_ESCAPE})(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16,}`, 'g'), replace: whole },
  {
    id: 'bearer-basic',
    pattern: new RegExp(String.raw`(?:\b|${AFTER_ESCAPE})(bearer|basic)(\s+)([A-Za-z0-9._~+/-]+=*)`, 'gi'),
    replace: (m, [scheme, space, token]) => {
      // Prose ("Basic authentication.") is a plain word; credentials have digits/symbols or are long.
      const core = token?.replace(/[.~-]+$/, '') ?? '';
      if (core.length < 8) return null;
      if (!/[0-9._~+/=-]/.test(core) && core.length < 20) return null;
      return `${scheme ?? ''}${space ?? ' '}${SECRET_MARKER}`;
    },
  },
];

/** Whole header lines whose value may contain spaces and `;` (`Cookie: a=1; b=2`). */
const HEADER_LINE = new RegExp(String.raw`(?:${NAME_START}|${AFTER_ESCAPE})((?:proxy-)?authorization|(?:set-)?cookie)(\\*["']?\s*:\s*\\*["']?)([^\r\n"'\\]+)`, 'gi');

/** A name that may be a credential; the callback decides with the same test as for object keys. */
const CREDENTIAL_NAME = '[A-Za-z0-9_.-]{0,48}?(?:pass(?:wd|word|phrase)?|pwd|secret|token|api[_.-]?key|key|authorization|cookie|session(?:[_.-]?id)?|sessid|credentials?|sig(?:nature)?)';
/**
 * `name=value` / `name: value` / `"name":"value"` pairs whose name is a credential (the same test as
 * for object keys) or a query credential (`key=`, `sig=` …, with `=` only). The name and separator stay.
 * A quoted value runs to its closing quote (at the same escape level), or — when a preview cut it or
 * the line ends first — to that point.
 */
const KV = new RegExp(
  `${NAME_START}(${CREDENTIAL_NAME})(\\\\*["']?)(\\s*)([=:])(\\s*)(?:(\\\\*)(["'])((?:(?!\\6\\7)[^\\r\\n])*?)(?:\\6\\7|(?=…\\(\\d+ chars\\))|(?=[\\r\\n])|$)|([^\\s"'\\\\&;,<>]+))`,
  'gi',
);

/** A credential name whose value is an object or array (`"password": {…}`): the whole structure goes. */
const NESTED = new RegExp(`${NAME_START}(${CREDENTIAL_NAME})(\\\\*["']?)\\s*[=:]\\s*(?=[{[])`, 'gi');

/** Removes nested credential values; inside escaped JSON (`\"password\":{`) everything to the end goes. */
function removeNested(text: string, isCredential: (name: string) => boolean, hit: () => void): string {
  if (!text.includes('{') && !text.includes('[')) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(NESTED)) {
    const name = m[1];
    if (m.index < last || name === undefined || !isCredential(onEscapeLetter(text, m.index) ? name.slice(1) : name)) continue;
    const start = m.index + m[0].length;
    out += text.slice(last, start) + SECRET_MARKER;
    last = (m[2] ?? '').includes('\\') ? text.length : structureEnd(text, start);
    hit();
  }
  return out + text.slice(last);
}

/** module-kit's preview cut: `…(120 chars)`. */
const PREVIEW_CUT = /…\(\d+ chars\)/g;
const TAIL_CHAR = /[A-Za-z0-9+/=_.~@%-]/;

/**
 * Drops what a diff preview cut short (`"sk-abc…(120 chars)`): a fragment cannot be checked against
 * any rule, so the partial token — or partial email, or partial phone number — before the cut goes.
 * Scans backwards from each cut, so it stays linear on any input.
 */
function cutPreviewTails(text: string, hit: () => void): string {
  if (!text.includes('…(')) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PREVIEW_CUT)) {
    let start = m.index;
    while (start > last && TAIL_CHAR.test(text.charAt(start - 1))) start -= 1;
    if (/^[\d().+-]*$/.test(text.slice(start, m.index))) {
      while (start > last && /[\d ().+-]/.test(text.charAt(start - 1))) start -= 1;
      while (text.charAt(start) === ' ') start += 1;
      // Walking back over a phone's digits must not stop inside a token (`…SK2 …(85 chars)`: the `2` of
      // an AWS key): that would leave the token's first part, no longer matching its rule. The whole token goes.
      if (start > last && start < m.index && TAIL_CHAR.test(text.charAt(start - 1)) && TAIL_CHAR.test(text.charAt(start))) {
        while (start > last && TAIL_CHAR.test(text.charAt(start - 1))) start -= 1;
      }
    }
    if (start < m.index) hit();
    out += text.slice(last, start);
    last = m.index;
  }
  return out + text.slice(last);
}

const RANDOM_TOKEN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{32,}/g;

/** A separator right after a removed quoted value (`key="api_key": …`), with the spaces around it. */
const TRAILING_SEPARATOR = /\\*["']?[ \t]*[=:][ \t]*/y;
/** The value after such a separator: quoted to its closing quote (or the line's end), or a bare token. */
const CHAINED_VALUE = /(\\*)(["'])((?:(?!\1\2)[^\r\n])*)(?:\1\2|$)|([^\s"'\\&;,<>]+)/my;

/**
 * Where a removed credential value really ends. A value that is itself a credential name and its
 * separator (`key=api_key: abc`, `token:secret: abc`, `key="token": abc`) was only the start of the next
 * pair: the bare token stopped at the space, so that pair's value follows — and goes too, as far as the
 * chain of names runs. `isName` tells a credential name (the same test as for object keys).
 */
function chainedValueEnd(text: string, value: string, end: number, isName: (name: string) => boolean): number {
  let at = end;
  let name = value;
  for (;;) {
    let next = at;
    const bare = /^(.*)[=:]$/s.exec(name);
    if (bare !== null) {
      if (!isName(bare[1] ?? '')) return at;
      while (text[next] === ' ' || text[next] === '\t') next += 1;
    } else {
      TRAILING_SEPARATOR.lastIndex = at;
      if (!isName(name) || !TRAILING_SEPARATOR.test(text)) return at;
      next = TRAILING_SEPARATOR.lastIndex;
    }
    CHAINED_VALUE.lastIndex = next;
    const m = CHAINED_VALUE.exec(text);
    if (m === null || m[0].length === 0) return at;
    at = next + m[0].length;
    name = m[3] ?? m[4] ?? '';
  }
}

/** True when nothing but markers and auth scheme words is left in `value`. */
function alreadyRemoved(value: string | undefined): boolean {
  return value === undefined || value.replace(/\[secret\]|\b(?:bearer|basic)\b|\s/gi, '') === '';
}

/** True when `text[at]` is the letter of a JSON escape such as `\n` (so a name or token starts after it). */
export function onEscapeLetter(text: string, at: number): boolean {
  return at > 0 && text[at - 1] === '\\' && /[nrtbf]/.test(text[at] ?? '');
}

/** Declined matches after which a rule stops looking inside them (keeps a rule linear on adversarial text). */
const MAX_RESCANS = 1024;

/**
 * Runs one rule over `text`. A match the rule declines (`key:api_key: …`: `key` is no credential) is
 * searched again from its next character, since a credential may start inside it (`api_key: …`); after
 * {@link MAX_RESCANS} declined matches the search resumes after each match, so it stays linear.
 */
function applyRule(text: string, rule: SecretRule, hit: () => void): string {
  const re = rule.pattern;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let rescans = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const groups = m.slice(1);
    const replaced = rule.replace(m[0], groups, onEscapeLetter(text, m.index));
    if (replaced === null) {
      rescans += 1;
      re.lastIndex = rescans <= MAX_RESCANS ? m.index + 1 : Math.max(m.index + 1, m.index + m[0].length);
      continue;
    }
    out += text.slice(last, m.index) + replaced;
    last = rule.extend?.(text, groups, m.index + m[0].length) ?? m.index + m[0].length;
    re.lastIndex = m[0].length === 0 ? last + 1 : last;
    hit();
  }
  return out + text.slice(last);
}

/** Which rules a scrubber runs (all by default). */
export interface ScrubberOptions {
  /**
   * The catch-all for long random-looking tokens. Off for identifiers: provider request ids
   * (`chatcmpl-…`, `msg_01…`) are random by design, and only the format and name rules tell a
   * credential inside one (docs/decisions/0008-identifiers.md).
   */
  readonly randomTokens?: boolean;
}

/**
 * Removes every secret-looking substring of `text`, replacing each by {@link SECRET_MARKER}. `hit` is
 * called once per removal. Rules run in order: credential names holding a nested object or array,
 * header pairs written as text (`"name":"Authorization","value":"…"`), the token a preview cut short,
 * known formats (PEM, JWT, `sk-`, `sk_live_`, `ghp_`…, `github_pat_`, `AIza`, `xox?-`, `AKIA`/`ASIA`,
 * `Bearer`/`Basic`), credential header lines, credential `name=value` pairs, then long random-looking tokens.
 */
export function createSecretScrubber(extraKeys: readonly string[] = [], options: ScrubberOptions = {}): (text: string, hit: () => void) => string {
  const isCredential = credentialKeyTest(extraKeys);
  const headerRule: SecretRule = {
    id: 'header-line',
    pattern: HEADER_LINE,
    replace: (m, [name, sep, value]) => (alreadyRemoved(value) ? null : `${name ?? ''}${sep ?? ': '}${SECRET_MARKER}`),
  };
  const kvRule: SecretRule = {
    id: 'kv',
    pattern: KV,
    replace: (m, g, afterEscape) => {
      const [raw, , , sep, , slashes, quote, quoted, bare] = g;
      if (raw === undefined || sep === undefined) return null;
      const name = afterEscape ? raw.slice(1) : raw;
      if (!isCredential(name) && !(sep === '=' && isQueryCredentialName(name))) return null;
      const value = quoted ?? bare ?? '';
      if (alreadyRemoved(value)) return null;
      const closing = `${slashes ?? ''}${quote ?? ''}`;
      const tail = quoted !== undefined && m.endsWith(`${value}${closing}`) ? closing : '';
      return `${m.slice(0, m.length - tail.length - value.length)}${SECRET_MARKER}${tail}`;
    },
    extend: (text, g, end) => chainedValueEnd(text, g[7] ?? g[8] ?? '', end, isCredential),
  };
  const randomRule: SecretRule = {
    id: 'random',
    pattern: RANDOM_TOKEN,
    replace: (m, _g, afterEscape) => {
      const token = afterEscape ? m.slice(1) : m;
      if (!looksRandom(token)) return null;
      return afterEscape ? `${m.charAt(0)}${SECRET_MARKER}` : SECRET_MARKER;
    },
  };
  const rules = options.randomTokens === false ? [...FORMAT_RULES, headerRule, kvRule] : [...FORMAT_RULES, headerRule, kvRule, randomRule];
  return (text, hit) => {
    let out = cutPreviewTails(removePairValues(removeNested(text, isCredential, hit), isCredential, hit), hit);
    for (const rule of rules) {
      rule.pattern.lastIndex = 0;
      out = applyRule(out, rule, hit);
    }
    return out;
  };
}
