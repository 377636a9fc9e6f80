// llms 0.4.2's reading of a Responses `output` array (Responses -> Chat conversion): message text
// parts and output_text items become the content, reasoning items' text parts the reasoning.
import { JsonArray, JsonKind, JsonValue, isBlank, isTruthy, jsTrim } from '@llms-wasm/module-kit/assembly';
import { lowerAsciiString } from './lower-ascii';
import { sanitizeThink } from './sanitize-think';

/** The conversion's result: `content` and, when any reasoning text survived, `reasoning`. */
export class CollectedOutput {
  constructor(public content: string, public reasoning: string | null) {}
}

/** `typeof v.type === 'string' ? v.type.toLowerCase() : ''` for an object; '' for arrays. */
function typeOf(v: JsonValue): string {
  const obj = v.asObject();
  if (obj === null) return '';
  const t = obj.getString('type');
  return t === null ? '' : lowerAsciiString(t);
}

/** `v.key` for an object, null for arrays (arrays have no such own keys) and absent keys. */
function field(v: JsonValue, key: string): JsonValue | null {
  const obj = v.asObject();
  return obj === null ? null : obj.get(key);
}

function pushText(parts: Array<string>, v: JsonValue | null): void {
  if (v === null) return;
  const s = v.asString();
  if (s !== null && !isBlank(s)) parts.push(sanitizeThink(s));
}

function collectMessageTexts(blocks: JsonArray, parts: Array<string>): void {
  for (let i = 0; i < blocks.length; i++) {
    const block = changetype<JsonValue>(blocks.at(i));
    if (!isTruthy(block) || (block.kind != JsonKind.Object && block.kind != JsonKind.Array)) continue;
    const type = typeOf(block);
    if (type == 'text' || type == 'input_text' || type == 'output_text' || type == 'commentary') {
      // `block.text ?? block.content`
      const text = field(block, 'text');
      pushText(parts, text !== null && !text.isNull() ? text : field(block, 'content'));
      continue;
    }
    const nested = field(block, 'content');
    if (nested !== null && nested.kind == JsonKind.Array) {
      collectMessageTexts(changetype<JsonArray>(nested), parts);
      continue;
    }
    const text = field(block, 'text');
    if (text !== null && text.kind == JsonKind.String) pushText(parts, text);
  }
}

/** What llms's `buildChatResponseFromResponses` puts in `content` / `reasoning_content` for `output`. */
export function collectResponsesOutput(output: JsonArray): CollectedOutput {
  const textParts = new Array<string>();
  const reasoningParts = new Array<string>();
  for (let i = 0; i < output.length; i++) {
    const item = changetype<JsonValue>(output.at(i));
    if (!isTruthy(item) || (item.kind != JsonKind.Object && item.kind != JsonKind.Array)) continue;
    const type = typeOf(item);
    if (type == 'message') {
      const inner = field(item, 'message');
      const message = inner !== null && isTruthy(inner) && (inner.kind == JsonKind.Object || inner.kind == JsonKind.Array) ? inner : item;
      const content = field(message, 'content');
      if (content !== null && content.kind == JsonKind.Array) collectMessageTexts(changetype<JsonArray>(content), textParts);
    } else if (type == 'output_text') {
      const text = field(item, 'text');
      if (text !== null && text.kind == JsonKind.String) textParts.push(sanitizeThink(changetype<string>(text.asString())));
    } else if (type == 'reasoning') {
      const content = field(item, 'content');
      if (content === null || content.kind != JsonKind.Array) continue;
      const blocks = changetype<JsonArray>(content);
      for (let j = 0; j < blocks.length; j++) {
        const block = changetype<JsonValue>(blocks.at(j));
        if (!isTruthy(block) || (block.kind != JsonKind.Object && block.kind != JsonKind.Array)) continue;
        const text = field(block, 'text');
        if (text === null || text.kind != JsonKind.String) continue;
        const sanitized = sanitizeThink(changetype<string>(text.asString()));
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

