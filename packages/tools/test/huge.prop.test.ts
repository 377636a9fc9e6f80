// Huge and deeply nested inputs: arguments of hundreds of kilobytes, nesting thousands of levels deep
// (up to 1200 levels: within what the JavaScript stack allows llms itself, see the README's limits), on both runtimes.
import { fc } from '@fast-check/vitest';
import { assertEquivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe, it } from 'vitest';
import { tools } from '../src/index.js';
import { argumentsText, word } from './arbitraries.js';

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

/** `depth` levels of objects/arrays (bare keys, single quotes, trailing commas, artefacts) around a value. */
const deep = fc
  .tuple(fc.integer({ min: 1, max: 1200 }), fc.constantFrom('{"a":', '[', "{a:", "{'a':", '{"k</arg_key><arg_value>v":', '{"a":[', '{"plan":'), fc.constantFrom('1', '"x"', '"y</arg_key><arg_value>z"', 'null', "'s'"), fc.constantFrom('', ',', ' // c\n'), fc.constantFrom('full', 'full', 'cut'))
  .map(([levels, open, leaf, trail, how]) => {
    const close = open === '[' ? ']' : open.endsWith('[') ? ']}' : '}';
    // At most 1200 nesting levels: far below V8's JSON.stringify limit (about 4000 here, see the README).
    const depth = open.endsWith('[') && open !== '[' ? Math.ceil(levels / 2) : levels;
    const text = open.repeat(depth) + leaf + (trail + close).repeat(depth);
    return how === 'cut' ? text.slice(0, Math.floor(text.length * 0.7)) : text;
  });

/** A JSON-ish chunk repeated into one large text (up to a few hundred kilobytes). */
const huge = fc.tuple(argumentsText, fc.integer({ min: 200, max: 4000 }), fc.constantFrom('array', 'object', 'string', 'patch')).map(([chunk, n, how]) => {
  const piece = chunk.length > 80 ? chunk.slice(0, 80) : chunk;
  if (how === 'array') return `[${Array.from({ length: n }, () => JSON.stringify(piece)).join(',')},]`;
  if (how === 'object') return `{${Array.from({ length: n }, (_, i) => `k${i}: ${JSON.stringify(piece)}`).join(', ')}}`;
  if (how === 'patch') return JSON.stringify({ patch: `*** Begin Patch\n*** Add File: big.txt\n${Array.from({ length: n }, () => piece.replace(/\n/g, ' ')).join('\n')}\n*** End Patch` });
  return JSON.stringify({ command: piece.repeat(Math.ceil(n / 4)) });
});

describe('huge and deep arguments: ts == wasm', () => {
  it('repairArguments, deep', () => assertEquivalent(tools, 'repairArguments', deep.map((a) => ({ arguments: a }))));
  it('parseToolArgs, deep', () => assertEquivalent(tools, 'parseToolArgs', deep.map((text) => ({ text }))));
  it('validateToolCall, deep', () => assertEquivalent(tools, 'validateToolCall', fc.tuple(fc.constantFrom('update_plan', 'apply_patch', 'shell'), deep).map(([name, a]) => ({ name, arguments: a }))));
  it('repairArguments and validateToolCall, huge', () =>
    assertEquivalent(tools, 'validateToolCall', fc.tuple(fc.constantFrom('apply_patch', 'shell', 'shell_command', 'update_plan'), huge).map(([name, a]) => ({ name, arguments: a }))));
  it('repairArguments, huge', () => assertEquivalent(tools, 'repairArguments', huge.map((a) => ({ arguments: a }))));
  it('canonicalizeChatResponse and finalize, deep payloads', () =>
    assertEquivalent(
      tools,
      'finalizeChatResponse',
      fc.tuple(fc.integer({ min: 1, max: 1200 }), word).map(([depth, leaf]) => ({ payload: { choices: [{ message: { role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f', arguments: JSON.parse('{"a":'.repeat(depth) + JSON.stringify(leaf) + '}'.repeat(depth)) } }] } }] } })),
    ));
});
