// The apply_patch and `<function=execute>` block extractors of llms 0.4.2's text-markup normalizer.
import { jsTrim, jsonObject, jsonString, stringify } from '@llms-wasm/module-kit/assembly';
import { indexOfI, isWs, matchAt, matchAtI, skipWs } from '../js/chars';
import { randomBase36 } from '../js/random';
import { findFence } from '../args/fence';
import { find } from '../js/find';

/** One call found in text: id, name and the arguments JSON text. */
export class ToolCallText {
  constructor(
    public id: string,
    public name: string,
    public args: string,
  ) {}
}

/** End of `***\s+WORD` at `p` (case-sensitive WORD), or -1. */
function starsThen(s: string, p: i32, word: string): i32 {
  if (!matchAt(s, p, '***') || p + 3 >= s.length || !isWs(s.charCodeAt(p + 3))) return -1;
  const k = skipWs(s, p + 3);
  return matchAt(s, k, word) ? k + word.length : -1;
}

class PatchSpan {
  constructor(public start: i32, public end: i32) {}
}

/** The first match at or after `from` of /\*\*\*\s+Begin Patch[\s\S]*?\*\*\*\s+End Patch/, or null. */
function findPatch(s: string, from: i32): PatchSpan | null {
  for (let p = find(s, '***', from); p >= 0; p = find(s, '***', p + 1)) {
    const b = starsThen(s, p, 'Begin Patch');
    if (b < 0) continue;
    for (let q = find(s, '***', b); q >= 0; q = find(s, '***', q + 1)) {
      const e = starsThen(s, q, 'End Patch');
      if (e >= 0) return new PatchSpan(p, e);
    }
    return null; // no End after this Begin: no later Begin has one either
  }
  return null;
}

/** extractApplyPatchCallsFromText: patches in ```patch fences and in the whole text (so a fenced one twice). */
export function extractApplyPatchCalls(text: string): Array<ToolCallText> {
  const out = new Array<ToolCallText>();
  const candidates = new Array<string>();
  let from = 0;
  for (;;) {
    const fence = findFence(text, 'patch', from);
    if (fence === null) break;
    const body = text.substring(fence.bodyStart, fence.bodyEnd);
    if (findPatch(body, 0) !== null) candidates.push(body);
    from = fence.end;
  }
  if (findPatch(text, 0) !== null) candidates.push(text);
  for (let i = 0; i < candidates.length; i++) {
    const src = unchecked(candidates[i]);
    let at = 0;
    for (;;) {
      const m = findPatch(src, at);
      if (m === null) break;
      at = m.end;
      if (m.end - m.start < 32) continue;
      const args = jsonObject();
      args.set('patch', jsonString(src.substring(m.start, m.end)));
      out.push(new ToolCallText('call_' + randomBase36(), 'apply_patch', stringify(args)));
    }
  }
  return out;
}

/** extractExecuteBlocksFromText: <function=execute><parameter=command>…</parameter></function>. */
export function extractExecuteBlocks(text: string): Array<ToolCallText> {
  const out = new Array<ToolCallText>();
  const OPEN = '<function=execute>';
  const PARAM = '<parameter=command>';
  let p = indexOfI(text, OPEN, 0);
  while (p >= 0) {
    const a = skipWs(text, p + OPEN.length);
    if (!matchAtI(text, a, PARAM)) {
      p = indexOfI(text, OPEN, p + 1);
      continue;
    }
    const b = a + PARAM.length;
    let end = -1;
    let groupEnd = -1;
    for (let r = indexOfI(text, '</parameter>', b); r >= 0; r = indexOfI(text, '</parameter>', r + 1)) {
      const f = skipWs(text, r + 12);
      if (matchAtI(text, f, '</function>')) {
        groupEnd = r;
        end = f + 11;
        break;
      }
    }
    if (end < 0) break; // no later block can close either
    const command = jsTrim(text.substring(b, groupEnd));
    if (command.length > 0) {
      const args = jsonObject();
      args.set('command', jsonString(command));
      out.push(new ToolCallText('call_' + randomBase36(), 'shell', stringify(args)));
    }
    p = indexOfI(text, OPEN, end);
  }
  return out;
}
