// Known answers: the tool vectors of ../shared/design/llms-behavior.md §7.2 (K1–K21; K22/K23 are
// native-only and listed under "Not bound") plus the facts of docs/llms-facts.md, on both runtimes,
// so a mistake both runtimes share cannot hide behind their agreement.
import { beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../src/index.js';
import { RUNTIMES } from './helpers.js';

beforeAll(async () => {
  await Promise.all(RUNTIMES.map((kind) => tools.init(kind)));
});

const repairs: [string, unknown, string][] = [
  ['K1 single quotes and a trailing comma', "{'a':'x',}", '{"a":"x"}'],
  ['K2 bare keys', '{a:1, b:"two"}', '{"a":1,"b":"two"}'],
  ['K3 fenced block', '```json\n{"a":1}\n```', '{"a":1}'],
  ['K4 line comment', '{"a":1 // c\n}', '{"a":1}'],
  ['K4 block comment', '{"a":1 /* c */}', '{"a":1}'],
  ['K5 trailing commas in arrays', '{"a":[1,2,],}', '{"a":[1,2]}'],
  ['K5 top-level array', '[1,2,]', '[1,2]'],
  ['K6 prose around an object', 'prefix {"a":1} suffix', '{"a":1}'],
  ['K7 strict JSON keeps a command array', '{"command":["ls","-la"]}', '{"command":["ls","-la"]}'],
  ['K7 a repaired command array is joined', "{command:['ls','-la']}", '{"command":"ls -la"}'],
  ['K8 unterminated', '{"a":', '{}'],
  ['K8 prose', 'not json', '{}'],
  ['K8 empty', '', '{}'],
  ['K8 null', null, '{}'],
  ['K8 comment stripping eats a URL in single quotes', "{'x':'http://a.b/c'}", '{}'],
  ['K9 number', 42, '{"_raw":"42"}'],
  ['K9 boolean', true, '{"_raw":"true"}'],
  ['K9 object', { a: 1 }, '{"a":1}'],
  ['K9 array', [1, 2], '[1,2]'],
  ['K9 a JSON string', '"just a string"', '"just a string"'],
  ['K10 an apply_patch payload (0.4.2 has no passthrough)', '*** Begin Patch\n*** End Patch', '{}'],
  ['an escaped single quote breaks the conversion', "{'a':'it\\'s'}", '{}'],
  ['a URL before a trailing comma', '{"x":"http://a.b/c",}', '{}'],
];

describe('repairArguments (K1–K10)', () => {
  for (const [name, value, expected] of repairs) {
    it(name, async () => {
      for (const kind of RUNTIMES) {
        const out = await tools.runtimes[kind].repairArguments({ arguments: value });
        expect(out.arguments, kind).toBe(expected);
        expect(out.repaired, kind).toBe(!(typeof value === 'string' && value === expected));
      }
    });
  }
  it('K8 undefined (absent arguments)', async () => {
    for (const kind of RUNTIMES) expect(await tools.runtimes[kind].repairArguments({})).toEqual({ arguments: '{}', repaired: true });
  });
});

describe('parseLenient (K11) and parseToolArgs (K20)', () => {
  const lenient: [string, unknown, unknown][] = [
    ['K11 key=value lines', 'a=1\nb=true\nc=hello', { a: 1, b: true, c: 'hello' }],
    ['K11 key: value pairs', 'k: "v", n: 2.5', { k: 'v', n: 2.5 }],
    ['K11 a number', 7, { _raw: '7' }],
  ];
  for (const [name, value, expected] of lenient) {
    it(name, async () => {
      for (const kind of RUNTIMES) expect(await tools.runtimes[kind].parseLenient({ value }), kind).toEqual({ value: expected });
    });
  }
  it('a number JSON cannot carry is a typed error naming the path', async () => {
    for (const kind of RUNTIMES) {
      await expect(tools.runtimes[kind].parseLenient({ value: 'a=1e999' })).rejects.toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'RESULT_NOT_JSON', path: '/value/a' } });
    }
  });
  const registry: [string, string, unknown][] = [
    ['K20 JSON5-ish is not accepted', "{'a':1,}", {}],
    ['K20 arg_key artefacts inside a key', '{"file</arg_key><arg_value>a.ts":1}', { 'filea.ts': 1 }],
    ['K20 arrays pass through', '[1,2]', [1, 2]],
    ['a two-part artefact in a value keeps the value', '{"command":"ls</arg_key><arg_value>-la"}', { command: 'ls</arg_key><arg_value>-la', ls: '-la' }],
    ['artefact pairs in a value become members', '{"a":"x</arg_key><arg_value>k1</arg_key><arg_value>v1"}', { a: 'x', k1: 'v1' }],
  ];
  for (const [name, text, expected] of registry) {
    it(name, async () => {
      for (const kind of RUNTIMES) expect(await tools.runtimes[kind].parseToolArgs({ text }), kind).toEqual({ value: expected });
    });
  }
});

describe('normalizeCallId (K12)', () => {
  const ids: [unknown, unknown, string][] = [
    ['call_abc', undefined, 'fc_abc'],
    ['fc-xyz', undefined, 'fc_xyz'],
    ['toolu_01', undefined, 'fc_toolu_01'],
    ['', 'call_fb', 'fc_fb'],
    ['FC_UPPER', undefined, 'fc_UPPER'],
    ['call_a.b/c', undefined, 'fc_a.b/c'],
  ];
  for (const [callId, fallback, expected] of ids) {
    it(`${JSON.stringify(callId)} / ${JSON.stringify(fallback)} -> ${expected}`, async () => {
      for (const kind of RUNTIMES) {
        for (const k of ['call', 'output'] as const) {
          const input = { callId, kind: k, ...(fallback === undefined ? {} : { fallback }) };
          expect(await tools.runtimes[kind].normalizeCallId(input), kind).toEqual({ id: expected });
        }
      }
    });
  }
});

describe('validateToolCall (K17–K19)', () => {
  const verdicts: [string, string, string, unknown][] = [
    ['K17 a pipeline is wrapped in bash -lc', 'shell', '{"command":"ls | wc -l"}', { ok: true, normalizedArgs: '{"command":["bash","-lc","ls | wc -l"]}' }],
    ['K18 write redirection', 'shell', '{"command":"echo hi > f.txt"}', { ok: false, reason: 'forbidden_write_redirection' }],
    ['K18 shell without command', 'shell', '{}', { ok: false, reason: 'invalid_command' }],
    ['K18 shell_command without command', 'shell_command', '{}', { ok: false, reason: 'missing_command' }],
    ['K18 update_plan without plan', 'update_plan', '{}', { ok: false, reason: 'missing_plan' }],
    ['K18 view_image of a text file', 'view_image', '{"path":"a.txt"}', { ok: false, reason: 'invalid_image_path' }],
    ['K18 unknown tool', 'unknown_tool', '{}', { ok: false, reason: 'unknown_tool' }],
    ['K18 empty name', '', '{}', { ok: false, reason: 'empty_tool_name' }],
    [
      'K19 two steps in progress',
      'update_plan',
      '{"plan":[{"step":"a","status":"in_progress"},{"step":"b","status":"in_progress"}]}',
      { ok: true, warnings: [{ kind: 'multiple_in_progress', count: 2 }], normalizedArgs: '{"explanation":null,"plan":[{"step":"a","status":"in_progress"},{"step":"b","status":"in_progress"}]}' },
    ],
    ['exec_command without a command runs', 'exec_command', '{}', { ok: false, reason: 'missing_cmd' }],
    ['exec_command with a command needs the native addon', 'exec_command', '{"cmd":"ls"}', { ok: false, reason: 'not_bound', needs: 'repairFindMetaJson' }],
    [
      'apply_patch text becomes patch and input',
      'apply_patch',
      '{"patch":"*** Begin Patch\\n*** Add File: a\\nhello\\n*** End Patch"}',
      { ok: true, normalizedArgs: '{"patch":"*** Begin Patch\\n*** Add File: a\\n+hello\\n*** End Patch","input":"*** Begin Patch\\n*** Add File: a\\n+hello\\n*** End Patch"}' },
    ],
    ['apply_patch garbage', 'apply_patch', '{"junk":1}', { ok: false, reason: 'missing_changes' }],
    ['apply_patch broken JSON', 'apply_patch', '{bad json', { ok: false, reason: 'invalid_json' }],
  ];
  for (const [name, tool, args, expected] of verdicts) {
    it(name, async () => {
      for (const kind of RUNTIMES) expect(await tools.runtimes[kind].validateToolCall({ name: tool, arguments: args }), kind).toEqual(expected);
    });
  }
});

describe('keys llms turns into prototypes (`obj.__proto__ = v`)', () => {
  const cases: [string, string, string, unknown][] = [
    ['parseToolArgs drops a key cleaned to __proto__ from the data', 'parseToolArgs', '{" __proto__": {"x": 1}, "y": 2}', { value: { y: 2 } }],
    [
      'the registry reads members through that prototype',
      'validateToolCall',
      '{" __proto__": {"plan": [{"step":"a","status":"in_progress"},{"step":"b","status":"in_progress"}], "explanation": "e"}}',
      { ok: true, normalizedArgs: '{"explanation":"e","plan":[{"step":"a","status":"in_progress"},{"step":"b","status":"in_progress"}]}', warnings: [{ kind: 'multiple_in_progress', count: 2 }] },
    ],
    ['an injected __proto__ pair supplies a shell command', 'validateToolCall:shell', '{"cmd":"x</arg_key><arg_value>__proto__</arg_key><arg_value>{\\"command\\":\\"ls\\"}"}', { ok: true, normalizedArgs: '{"command":["ls"]}' }],
    ['shell_command finds its command inherited, normalizedArgs shows only own members', 'validateToolCall:shell_command', '{"<i>__proto__</i>": {"command": "ls"}}', { ok: true, normalizedArgs: '{}' }],
  ];
  for (const [name, op, text, expected] of cases) {
    it(name, async () => {
      for (const kind of RUNTIMES) {
        const out = op === 'parseToolArgs'
          ? await tools.runtimes[kind].parseToolArgs({ text })
          : await tools.runtimes[kind].validateToolCall({ name: op.includes(':') ? op.split(':')[1] ?? '' : 'update_plan', arguments: text });
        expect(out, kind).toEqual(expected);
      }
    });
  }
});

describe('chat-response invariants (K13–K15)', () => {
  const response = (finish: string | null) => ({
    choices: [
      { index: 0, message: { role: 'assistant', content: 'text', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: { a: 1 } } }] }, finish_reason: finish },
      { index: 1, message: { role: 'assistant', content: 'x' }, finish_reason: null },
    ],
  });
  it('K13 tool calls force content null, stringify arguments, set a missing finish_reason', async () => {
    for (const kind of RUNTIMES) {
      const { payload } = await tools.runtimes[kind].canonicalizeChatResponse({ payload: response(null) });
      expect(payload, kind).toEqual({
        choices: [
          { index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }, finish_reason: 'tool_calls' },
          { index: 1, message: { role: 'assistant', content: 'x' }, finish_reason: null },
        ],
      });
    }
  });
  it('K14 an existing finish_reason is kept', async () => {
    for (const kind of RUNTIMES) {
      const { payload } = (await tools.runtimes[kind].canonicalizeChatResponse({ payload: response('stop') })) as { payload: { choices: { finish_reason: unknown; message: { content: unknown } }[] } };
      expect(payload.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: null } });
    }
  });
  it('K15 finalize: tool messages get the call name and a non-empty string content', async () => {
    const payload = {
      messages: [
        { role: 'assistant', tool_calls: [{ id: 'c1', function: { name: 'f', arguments: { a: 1 } } }] },
        { role: 'tool', tool_call_id: 'c1', content: '' },
        { role: 'tool', tool_call_id: 'zz', content: { ok: 1 } },
        { role: 'TOOL', content: '  hi  ' },
      ],
    };
    for (const kind of RUNTIMES) {
      expect((await tools.runtimes[kind].finalizeChatResponse({ payload })).payload, kind).toEqual({
        messages: [
          { role: 'assistant', tool_calls: [{ id: 'c1', function: { name: 'f', arguments: '{"a":1}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: 'Command succeeded (no output).', name: 'f' },
          { role: 'tool', tool_call_id: 'zz', content: '{"ok":1}' },
          { role: 'TOOL', content: 'hi' },
        ],
      });
    }
    expect(payload.messages[1]).toEqual({ role: 'tool', tool_call_id: 'c1', content: '' }); // the caller's input is not mutated
  });
});

describe('packShellArgs (K16)', () => {
  const packs: [unknown, unknown][] = [
    [{ command: 'cd /tmp && ls -la' }, { command: ['ls', '-la'], workdir: '/tmp' }],
    [{ command: ['cd', '/repo', 'git', 'status'] }, { command: ['git', 'status'], workdir: '/repo' }],
    [{ command: 'cd /x', workdir: '/y' }, { command: ['pwd'], workdir: '/y' }],
    [{ command: [] }, { command: ['pwd'] }],
    [{ command: 'ls | wc -l' }, { command: ['ls', '|', 'wc', '-l'] }],
  ];
  for (const [args, expected] of packs) {
    it(JSON.stringify(args), async () => {
      for (const kind of RUNTIMES) expect(await tools.runtimes[kind].packShellArgs({ args: args as never }), kind).toEqual({ args: expected });
    });
  }
});

describe('canonicalizeToolCalls', () => {
  it('reads every format and runs every step', async () => {
    const input = {
      calls: [
        { format: 'chat' as const, call: { id: 'call_abc', type: 'function', function: { name: 'shell', arguments: "{command:'ls | wc -l'}" } } },
        { format: 'responses' as const, item: { type: 'function_call', id: 'fc_item', call_id: 'call_r1', name: 'update_plan', arguments: '{"plan":[]}' } },
        { format: 'anthropic' as const, block: { type: 'tool_use', id: 'toolu_01', name: 'view_image', input: { path: 'a.png' } } },
        {
          format: 'responses_sse' as const,
          itemAdded: { type: 'function_call' as const, id: 'fc_s', call_id: 'call_s', name: 'exec_commandarg_key' },
          argumentDeltas: ['{"cmd"', ':"ls"}'],
          argumentsDone: '{"cmd":"ls"}',
          itemDone: { type: 'function_call' as const, id: 'fc_s' },
        },
        { format: 'text' as const, field: 'reasoning_content' as const, text: '<tool_call>shell</tool_call>' },
      ],
    };
    for (const kind of RUNTIMES) {
      expect(await tools.runtimes[kind].canonicalizeToolCalls(input), kind).toEqual({
        calls: [
          { source: 0, format: 'chat', id: 'fc_abc', name: 'shell', arguments: '{"command":"ls | wc -l"}', repaired: true, validation: { ok: true, normalizedArgs: '{"command":["bash","-lc","ls | wc -l"]}' } },
          { source: 1, format: 'responses', id: 'fc_r1', name: 'update_plan', arguments: '{"plan":[]}', repaired: false, validation: { ok: true, normalizedArgs: '{"explanation":null,"plan":[]}' } },
          { source: 2, format: 'anthropic', id: 'fc_toolu_01', name: 'view_image', arguments: '{"path":"a.png"}', repaired: true, validation: { ok: true, normalizedArgs: '{"path":"a.png"}' } },
          { source: 3, format: 'responses_sse', id: 'fc_s', name: 'exec_command', arguments: '{"cmd":"ls"}', repaired: false, validation: { ok: false, reason: 'not_bound', needs: 'repairFindMetaJson' } },
        ],
        notBound: [{ source: 4, step: 'harvest tool calls from reasoning text', needs: 'normalizeMessageReasoningToolsJson' }],
      });
    }
  });
});
