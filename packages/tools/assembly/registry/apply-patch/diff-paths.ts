// Path helpers shared by the diff converters of llms 0.6 tools/apply-patch/patch-text/.
import { jsTrim } from '@llms-wasm/module-kit/assembly';
import { isLineTerminator, isWs, matchAt } from '../../js/chars';
import { find } from '../../js/find';

function hasLineTerminator(s: string): bool {
  for (let i = 0; i < s.length; i++) if (isLineTerminator(s.charCodeAt(i))) return true;
  return false;
}

/** `v.match(/^(?:a\/|b\/)?(.+)$/)?.[1]`: the text without an a/ or b/ prefix; null when nothing matches. */
export function stripAbPrefix(v: string): string | null {
  if (v.length == 0 || hasLineTerminator(v)) return null;
  if (v.length > 2 && (matchAt(v, 0, 'a/') || matchAt(v, 0, 'b/'))) return v.substring(2);
  return v;
}

/** The part before the first tab (`split('\t')[0]`). */
export function beforeTab(v: string): string {
  const t = find(v, '\t');
  return t < 0 ? v : v.substring(0, t);
}

/** normalizeHeaderPath of the unified-diff converter. */
export function unifiedHeaderPath(value: string): string {
  const v = jsTrim(value);
  if (v.length == 0) return '';
  const m = stripAbPrefix(v);
  return jsTrim(m !== null ? m : v);
}

/** normalizeHeaderPath of the star-header converter: a trailing `\s+***` removed first. */
export function starHeaderPath(value: string): string {
  let v = jsTrim(value);
  if (v.length >= 4 && matchAt(v, v.length - 3, '***') && isWs(v.charCodeAt(v.length - 4))) {
    let k = v.length - 3;
    while (k > 0 && isWs(v.charCodeAt(k - 1))) k--;
    v = v.substring(0, k);
  }
  v = jsTrim(v);
  if (v.length == 0) return '';
  const m = stripAbPrefix(v);
  return jsTrim(m !== null ? m : v);
}

/** extractPath of the git-diff converter. */
export function gitExtractPath(value: string): string {
  const v = jsTrim(value);
  if (v.length == 0) return '';
  const head = beforeTab(v);
  const m = stripAbPrefix(jsTrim(head));
  return jsTrim(m !== null ? m : head);
}
