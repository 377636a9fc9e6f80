// Raw tool calls in every format of the contract (src/contract-calls.ts), for canonicalizeToolCalls.
import { fc } from '@fast-check/vitest';
import { anyCallId, presentCallId } from './ids.js';
import { argumentsValue } from './jsonish.js';
import { markupText } from './markup.js';
import { argumentsFor, toolName } from './registry.js';
import { freeText, word } from './text.js';

/** Arguments suited to a name (so validation gets well-formed arguments often), or anything. */
const namedArgs = (id: fc.Arbitrary<unknown>) =>
  toolName.chain((name) => fc.tuple(fc.constant(name), fc.oneof({ weight: 3, arbitrary: argumentsFor(name) }, { weight: 1, arbitrary: argumentsValue }), id));

function chat(id: fc.Arbitrary<unknown>) {
  return namedArgs(id).map(([name, args, callId]) => ({ format: 'chat' as const, call: { id: callId, type: 'function', function: { name, arguments: args } } }));
}

function responses(id: fc.Arbitrary<unknown>) {
  return namedArgs(id).map(([name, args, callId]) => ({ format: 'responses' as const, item: { type: 'function_call', id: 'fc_item', call_id: callId, name, arguments: args } }));
}

/** True when JSON can carry `v` (no NaN/±Infinity, which JSON.parse makes of `1e999`). */
const finiteJson = (v: unknown): boolean =>
  typeof v === 'number' ? Number.isFinite(v) : typeof v === 'object' && v !== null ? Object.values(v).every(finiteJson) : true;

function anthropic(id: fc.Arbitrary<unknown>) {
  return namedArgs(id).map(([name, args, callId]) => {
    let input: unknown = args;
    try {
      input = typeof args === 'string' ? JSON.parse(args) : args;
      if (!finiteJson(input)) input = args;
    } catch {
      input = args;
    }
    return { format: 'anthropic' as const, block: { type: 'tool_use', id: callId, name, input } };
  });
}

/** Cuts a text into argument deltas at arbitrary points. */
const deltasOf = (text: string): fc.Arbitrary<string[]> =>
  fc.array(fc.nat(Math.max(0, text.length)), { maxLength: 6 }).map((cuts) => {
    const points = [...new Set(cuts)].sort((a, b) => a - b);
    const out: string[] = [];
    let at = 0;
    for (const p of points) {
      out.push(text.slice(at, p));
      at = p;
    }
    out.push(text.slice(at));
    return out;
  });

function streamed(withCallId: boolean) {
  return toolName.chain((name) =>
    fc
      .tuple(argumentsFor(name), fc.constantFrom('same', 'same', 'none', 'blank', '{}', 'NULL', 'other'), fc.constantFrom('done', 'done', 'none', 'otherId', 'noId'), fc.option(fc.oneof(word, fc.jsonValue({ maxDepth: 1 })), { nil: undefined }), fc.boolean(), fc.boolean(), withCallId ? presentCallId : fc.constant(undefined))
      .chain(([args, doneStyle, itemStyle, input, nameOnAdd, callIdOnAdd, callId]) =>
        deltasOf(args).map((deltas) => {
          const added = { type: 'function_call' as const, id: 'fc_s', ...(nameOnAdd ? { name } : {}), ...((callIdOnAdd || withCallId) && callId !== undefined ? { call_id: callId } : {}) };
          const done = { none: undefined, blank: '  ', '{}': '{}', NULL: 'NULL', other: '{"other":true}', same: args }[doneStyle];
          const itemDone =
            itemStyle === 'none'
              ? undefined
              : { type: 'function_call' as const, ...(itemStyle === 'noId' ? {} : { id: itemStyle === 'otherId' ? 'fc_other' : 'fc_s' }), name, ...(callId === undefined ? {} : { call_id: callId }), ...(input === undefined ? {} : { input }) };
          return {
            format: 'responses_sse' as const,
            itemAdded: added,
            argumentDeltas: deltas,
            ...(done === undefined ? {} : { argumentsDone: done }),
            ...(itemDone === undefined ? {} : { itemDone }),
          };
        }),
      ),
  );
}

const text = fc.tuple(fc.constantFrom('content' as const, 'content' as const, 'reasoning_content' as const), markupText).map(([field, t]) => ({ format: 'text' as const, field, text: t }));

/** Raw entries whose ids are all present (no random fallback anywhere, text aside). */
export const rawCallDeterministic = fc.oneof(chat(presentCallId), responses(presentCallId), anthropic(presentCallId), streamed(true));

/** Raw entries of every format with any ids (random fallback included). */
export const rawCallAny = fc.oneof(chat(anyCallId), responses(anyCallId), anthropic(anyCallId), streamed(false), streamed(true), text);

/** Inputs of canonicalizeToolCalls: several raw entries (duplicates included), with or without tool definitions. */
export function callsInput<T>(entry: fc.Arbitrary<T>) {
  return fc
    .tuple(fc.array(entry, { maxLength: 4 }), fc.boolean(), fc.option(fc.array(fc.record({ type: fc.constant('function'), function: fc.record({ name: toolName, description: freeText }) }), { maxLength: 3 }), { nil: undefined }))
    .map(([calls, duplicate, defs]) => ({ calls: duplicate && calls.length > 0 ? [...calls, calls[0] as T] : calls, ...(defs === undefined ? {} : { toolDefinitions: defs }) }));
}
