// The message V8's JSON.parse throws, rebuilt from the shared parser's error (which carries V8's
// message head and the position in code units): "<head> in JSON at position N", or for an unexpected
// token V8's source excerpt (the whole text up to 20 units, else 10 units of context either side).
import { JsonParseResult } from '@llms-wasm/module-kit/assembly';

export function v8JsonMessage(text: string, r: JsonParseResult): string {
  const head = r.error;
  if (head == 'Unexpected end of JSON input' || head.endsWith('is not valid JSON')) return head;
  if (!head.startsWith("Unexpected token '")) return head + ' in JSON at position ' + r.offset.toString();
  const n = text.length;
  const p = r.offset;
  let context: string;
  if (n <= 20) context = '"' + text + '"';
  else if (p < 10) context = '"' + text.substring(0, p + 10) + '"...';
  else if (p + 10 >= n) context = '..."' + text.substring(p - 10) + '"';
  else context = '..."' + text.substring(p - 10, p + 10) + '"...';
  return head + ', ' + context + ' is not valid JSON';
}
