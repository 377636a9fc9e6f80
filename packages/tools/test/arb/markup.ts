// Assistant text with tool calls written as markup: <tool_call> blocks (names as tags or lines,
// <arg_key>/<arg_value> pairs with whitespace and case variants, JSON bodies), loose pairs after a
// name line, apply_patch blocks in fences and plain text, <function=execute> blocks, and noise.
import { fc } from '@fast-check/vitest';
import { patchText } from './jsonish.js';
import { freeText, spaceChar, word, ws } from './text.js';

const toolNames = fc.constantFrom('shell', 'apply_patch', 'update_plan', 'view_image', 'list_mcp_resources', 'read_mcp_resource', 'list_mcp_resource_templates', 'exec_command', 'Bash', 'constructor', '__proto__', 'write.stdin', 'x-y', 'a');
const keys = fc.constantFrom('command', 'patch', 'plan', 'explanation', 'path', 'server', 'uri', 'cursor', 'filter', 'root', 'workdir', 'justification', 'timeout_ms', 'cmd', 'arguments', '__proto__', '空的\n<tool_call>command', ' 9path', 'x.y');
const values = fc.oneof(freeText, fc.constantFrom('["ls","-la"]', '{"a":1}', '[broken', 'a.png', 'A.PNG', 'pic.jpg ', '', '  ', '[{"step":"a","status":"in_progress"}]'), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)));

const tag = (name: string) => fc.tuple(fc.constantFrom('<', '< '), fc.constantFrom(name, name.toUpperCase(), ` ${name} `), fc.constantFrom('>', ' >')).map((p) => p.join(''));
const closeTag = (name: string) => fc.tuple(fc.constantFrom('</', '</ ', '</'), fc.constantFrom(name, name.toUpperCase()), fc.constantFrom('>', ' >')).map((p) => p.join(''));

const pair = fc.tuple(tag('arg_key'), ws, keys, ws, closeTag('arg_key'), ws, tag('arg_value'), ws, values, ws, closeTag('arg_value')).map((p) => p.join(''));

const nameLine = fc.oneof(
  toolNames.map((n) => `${n}\n`),
  fc.tuple(fc.constantFrom('<name>', '<function>', '< name >'), ws, toolNames, ws, fc.constantFrom('</name>', '</function>', '</ name>')).map((p) => p.join('')),
  fc.constant(''),
);

const block = fc.tuple(fc.constantFrom('<tool_call>', '<tool_call name="x">', '<TOOL_CALL>', '<tool_call'), fc.constantFrom('', '\n'), nameLine, fc.array(fc.oneof(pair, fc.constantFrom('{"command":["ls"]}', '[1,2]', '\n')), { maxLength: 3 }), fc.constantFrom('</tool_call>', '</TOOL_CALL>', '')).map((p) => p.join(''));

const loose = fc.tuple(toolNames, fc.constantFrom('\n', '\r\n', ' '), fc.array(pair, { minLength: 1, maxLength: 3 })).map(([n, s, ps]) => n + s + ps.join(''));

const execute = fc.tuple(fc.constantFrom('<function=execute>', '<FUNCTION=EXECUTE>'), ws, fc.constantFrom('<parameter=command>', '<parameter=command>'), freeText, fc.constantFrom('</parameter>', '</parameter></parameter>'), ws, fc.constantFrom('</function>', '</FUNCTION>', '')).map((p) => p.join(''));

const patchBlock = fc.oneof(patchText, patchText.map((p) => '```patch\n' + p + '\n```'), patchText.map((p) => '```\n' + p + '\n```'), fc.constant('*** Begin Patch\n*** Add File: a.txt\n+hello world, long enough\n*** End Patch'));

/** Text with markup mixed with prose. */
export const markupText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: block }, { weight: 3, arbitrary: loose }, { weight: 2, arbitrary: execute }, { weight: 2, arbitrary: patchBlock }, { weight: 2, arbitrary: freeText }, { weight: 1, arbitrary: spaceChar }, { weight: 1, arbitrary: word }), { maxLength: 5 })
  .map((parts) => parts.join(''));

/** Assistant messages as the text harvester receives them. */
export const assistantMessage = fc.oneof(
  { weight: 8, arbitrary: fc.record({ role: fc.constant('assistant'), content: markupText }, { requiredKeys: ['role', 'content'] }) },
  { weight: 1, arbitrary: fc.record({ role: fc.constant('assistant'), content: markupText, tool_calls: fc.constantFrom([], [{ id: 'x' }], 'x', null) }) },
  { weight: 1, arbitrary: fc.record({ content: fc.oneof(fc.constant(''), fc.constant(null), fc.integer(), fc.jsonValue({ maxDepth: 1 })), reasoning_content: markupText }, { requiredKeys: [] }) },
);
