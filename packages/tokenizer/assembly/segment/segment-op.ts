// The `segment` operation: Responses-style text or output in, { content, reasoning_content?, tokens } out.
import { JsonArray, JsonKind, JsonObject, JsonValue, jsonArray, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { InputError } from '../input-error';
import { CollectedOutput, collectResponsesOutput, collectText } from './responses-output';
import { MODE_CHANNEL, MODE_DROP, MODE_TEXT, dispatchReasoning } from './dispatch-reasoning';

function segmentToken(type: string, content: string): JsonObject {
  const t = jsonObject();
  t.set('type', jsonString(type));
  t.set('content', jsonString(content));
  return t;
}

function readMode(options: JsonObject | null, errors: InputError): i32 {
  if (options === null) return MODE_CHANNEL;
  const mode = options.get('reasoningMode');
  if (mode === null) return MODE_CHANNEL;
  const name = mode.asString();
  if (name == 'channel') return MODE_CHANNEL;
  if (name == 'text') return MODE_TEXT;
  if (name == 'drop') return MODE_DROP;
  errors.fail('/options/reasoningMode', 'must be "channel", "text" or "drop"');
  return MODE_CHANNEL;
}

/** Runs `segment` on a parsed input; returns null (with `errors` set) for input the contract forbids. */
export function segmentOp(input: JsonObject, errors: InputError): JsonValue | null {
  let options: JsonObject | null = null;
  const rawOptions = input.get('options');
  if (rawOptions !== null) {
    options = rawOptions.asObject();
    if (options === null) return errors.fail('/options', 'must be an object');
  }
  const mode = readMode(options, errors);
  if (errors.failed) return null;
  let prefix: string | null = null;
  if (options !== null && options.has('reasoningPrefix')) {
    prefix = changetype<JsonValue>(options.get('reasoningPrefix')).asString();
    if (prefix === null) return errors.fail('/options/reasoningPrefix', 'must be a string');
  }

  let collected: CollectedOutput;
  const text = input.get('text');
  const output = input.get('output');
  if (text !== null) {
    const s = text.asString();
    if (s === null) return errors.fail('/text', 'must be a string');
    collected = collectText(s);
  } else if (output !== null) {
    if (output.kind != JsonKind.Array) return errors.fail('/output', 'must be an array');
    collected = collectResponsesOutput(changetype<JsonArray>(output));
  } else {
    return errors.fail('', 'needs `text` or `output`');
  }

  const dispatched = dispatchReasoning(collected.reasoning, mode, prefix);
  const tokens = jsonArray();
  if (dispatched.channel !== null) tokens.push(segmentToken('reasoning', changetype<string>(dispatched.channel)));
  if (dispatched.appendToContent !== null) tokens.push(segmentToken('text', changetype<string>(dispatched.appendToContent)));
  if (collected.content.length > 0) tokens.push(segmentToken('text', collected.content));

  const result = jsonObject();
  result.set('content', jsonString(collected.content));
  if (collected.reasoning !== null) result.set('reasoning_content', jsonString(changetype<string>(collected.reasoning)));
  result.set('tokens', tokens);
  return result;
}
