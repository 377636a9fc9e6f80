// llms 0.4.2's reading of a Responses `output` array (Responses -> Chat conversion): message text
// parts and output_text items become the content, reasoning items' text parts the reasoning. Read
// straight from the input's tape (module-kit JsonReader): only the strings used are decoded.
import { JsonKind, JsonReader, isBlank, jsTrim } from '@llms-wasm/module-kit/assembly';
import { lowerAsciiString } from './lower-ascii';
import { sanitizeThink } from './sanitize-think';

/** The conversion's result: `content` and, when any reasoning text survived, `reasoning`. */
export class CollectedOutput {
  constructor(public content: string, public reasoning: string | null) {}
}

/** `typeof v.type === 'string' ? v.type.toLowerCase() : ''` for an object; '' for arrays. */
function typeOf(r: JsonReader, v: i32): string {
  const t = r.get(v, 'type');
  return t >= 0 && r.kind(t) == JsonKind.String ? lowerAsciiString(r.string(t)) : '';
}

function pushText(r: JsonReader, parts: Array<string>, v: i32): void {
  if (v < 0 || r.kind(v) != JsonKind.String) return;
  const s = r.string(v);
  if (!isBlank(s)) parts.push(sanitizeThink(s));
}

function collectMessageTexts(r: JsonReader, blocks: i32, parts: Array<string>): void {
  for (let block = r.first(blocks), i = 0, n = r.size(blocks); i < n; i++, block = r.next(block)) {
    if (!r.truthy(block) || !r.isContainer(block)) continue;
    const type = typeOf(r, block);
    if (type == 'text' || type == 'input_text' || type == 'output_text' || type == 'commentary') {
      // `block.text ?? block.content`
      const text = r.get(block, 'text');
      pushText(r, parts, text >= 0 && r.kind(text) != JsonKind.Null ? text : r.get(block, 'content'));
      continue;
    }
    const nested = r.get(block, 'content');
    if (nested >= 0 && r.kind(nested) == JsonKind.Array) {
      collectMessageTexts(r, nested, parts);
      continue;
    }
    pushText(r, parts, r.get(block, 'text'));
  }
}

/** What llms's `buildChatResponseFromResponses` puts in `content` / `reasoning_content` for `output`. */
export function collectResponsesOutput(r: JsonReader, output: i32): CollectedOutput {
  const textParts = new Array<string>();
  const reasoningParts = new Array<string>();
  for (let item = r.first(output), i = 0, n = r.size(output); i < n; i++, item = r.next(item)) {
    if (!r.truthy(item) || !r.isContainer(item)) continue;
    const type = typeOf(r, item);
    if (type == 'message') {
      const inner = r.get(item, 'message');
      const message = r.truthy(inner) && r.isContainer(inner) ? inner : item;
      const content = r.get(message, 'content');
      if (content >= 0 && r.kind(content) == JsonKind.Array) collectMessageTexts(r, content, textParts);
    } else if (type == 'output_text') {
      const text = r.get(item, 'text');
      if (text >= 0 && r.kind(text) == JsonKind.String) textParts.push(sanitizeThink(r.string(text)));
    } else if (type == 'reasoning') {
      const content = r.get(item, 'content');
      if (content < 0 || r.kind(content) != JsonKind.Array) continue;
      for (let block = r.first(content), j = 0, m = r.size(content); j < m; j++, block = r.next(block)) {
        if (!r.truthy(block) || !r.isContainer(block)) continue;
        const text = r.get(block, 'text');
        if (text < 0 || r.kind(text) != JsonKind.String) continue;
        const sanitized = sanitizeThink(r.string(text));
        if (sanitized.length > 0) reasoningParts.push(sanitized);
      }
    }
  }
  return new CollectedOutput(jsTrim(textParts.join('\n')), reasoningParts.length > 0 ? reasoningParts.join('\n') : null);
}

/** The `{ text }` form: llms sanitizes an explicit output text and uses it as the whole content. */
export function collectText(text: string): CollectedOutput {
  return new CollectedOutput(isBlank(text) ? '' : sanitizeThink(text), null);
}
