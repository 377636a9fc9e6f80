import { createHash } from 'node:crypto';
import { createSecretScrubber } from './secret-patterns.js';

const JS_FRAME = /^\s+at\s.*(?::\d+(?::\d+)?\)?|\((?:native|<anonymous>|index \d+)\)|:0x[0-9a-fA-F]+\)?)\s*$/;
const RUST_FRAME = /^\s*\d+:\s+(?:0x[0-9a-fA-F]+ - )?\S/;
const RUST_AT = /^\s+at\s+\S+:\d+(?::\d+)?\s*$/;
const ERROR_HEAD = /^\s*(?:Uncaught\s+)?[\w$.]*(?:Error|Exception|Panic)\b/;
const MAX_SCANNED_LINES = 200;

/**
 * True when `text` is a JavaScript or Rust stack trace: two or more `    at …:line:col` frames (or one
 * after an `…Error:` line), or a Rust backtrace (`stack backtrace:` / numbered frames with `at file:line`).
 */
export function looksLikeStack(text: string): boolean {
  if (text.length < 16 || !text.includes('\n')) return false;
  if (!/\n\s*(?:at\s|\d+:\s)/.test(text)) return false;
  const lines = text.split(/\r?\n/, MAX_SCANNED_LINES);
  let js = 0;
  let rust = 0;
  let rustAt = 0;
  for (const line of lines) {
    if (JS_FRAME.test(line)) js += 1;
    else if (RUST_AT.test(line)) rustAt += 1;
    else if (RUST_FRAME.test(line)) rust += 1;
  }
  if (js >= 2 || (js >= 1 && ERROR_HEAD.test(lines[0] ?? ''))) return true;
  if (/stack backtrace:/.test(text) && rust + rustAt >= 1) return true;
  return rust >= 2 && rustAt >= 1;
}

/** Project-relative roots, by priority: a path is cut at the first of these it contains. */
const ANCHORS = ['/packages/', '/src/', '/dist/', '/lib/', '/assembly/', '/test/', '/build/'];

/** `/home/alice/app/src/a.ts` -> `src/a.ts`; `C:\x\node_modules\p\i.js` -> `node_modules/p/i.js`. */
function normalizePath(raw: string): string {
  let p = raw.replace(/\\/g, '/').replace(/^file:\/\//, '').replace(/^\/?[A-Za-z]:\//, '/');
  p = p.replace(/^\/rustc\/[0-9a-f]+\//, 'rustc/');
  const nm = p.lastIndexOf('/node_modules/');
  if (nm !== -1) return p.slice(nm + 1);
  for (const anchor of ANCHORS) {
    const at = p.indexOf(anchor);
    if (at !== -1) return p.slice(at + 1);
  }
  if (p.startsWith('./')) return p.slice(2);
  return p.startsWith('/') ? p.slice(p.lastIndexOf('/') + 1) : p;
}

const scrub = createSecretScrubber();
const ignore = (): void => {};

function normalizeLine(line: string, frame: boolean): string {
  let out = scrub(line, ignore);
  out = out.replace(/(?<=^|[\s(])(?:file:\/\/)?(?:[A-Za-z]:)?[\\/]?(?:[^\s()\\/:]+[\\/])+[^\s()\\/:]+/g, normalizePath);
  out = out.replace(/(?::\d+)+(?=\)|:|\s*$)/g, '').replace(/:0x[0-9a-fA-F]+/g, '').replace(/\b0x[0-9a-fA-F]{6,}\b/g, '0x');
  if (!frame) {
    // Messages carry per-request data (ids, counts, quoted values); keep their shape only.
    out = out.replace(/(["'`])(?:(?!\1).){0,200}\1/g, '$1…$1').replace(/(?<![\w.%+-])[\w.%+-]+@[\w.-]+/g, '<email>').replace(/\d+/g, 'N');
  }
  return out.trimEnd();
}

/**
 * The normalized form of a stack, so the same bug clusters across machines and requests: line and column
 * numbers, absolute path prefixes, addresses and secrets removed; in message lines, quoted values,
 * emails and numbers reduced to placeholders.
 */
export function normalizeStack(stack: string): string {
  return stack
    .split(/\r?\n/)
    .map((line) => normalizeLine(line, JS_FRAME.test(line) || RUST_AT.test(line) || RUST_FRAME.test(line)))
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * `stack:` and the first 16 hex digits of the SHA-256 of the normalized stack (see `normalizeStack`).
 * @example stackHash(new Error('boom').stack ?? '') // 'stack:3f1c9a0b5e2d7c41'
 */
export function stackHash(stack: string): string {
  return `stack:${createHash('sha256').update(normalizeStack(stack)).digest('hex').slice(0, 16)}`;
}
