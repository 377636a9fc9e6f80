// Tool names and arguments for the registry: every allowed tool with well-formed, odd and broken
// arguments, apply_patch payloads in every shape llms accepts, names with markup and odd Unicode.
import { fc } from '@fast-check/vitest';
import { argumentsText, patchText } from './jsonish.js';
import { freeText, word, ws } from './text.js';

const TOOLS = ['shell', 'shell_command', 'bash', 'exec_command', 'apply_patch', 'update_plan', 'view_image', 'list_mcp_resources', 'read_mcp_resource', 'list_mcp_resource_templates'];

/** Names: allowed, padded, cased, with arg_ artefacts, unknown, odd Unicode, empty. */
export const toolName: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TOOLS) },
  { weight: 2, arbitrary: fc.tuple(ws, fc.constantFrom(...TOOLS), ws).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('Shell', 'EXEC_COMMAND', 'exec_commandarg_key', 'apply_patcharg_value>', 'arg_x', 'write_stdin', 'Bash', 'read', 'mcp__chrome__list', '', '  ', 'shеll', 'ｓｈｅｌｌ', 'shell\u200b', 'İ', 'constructor', '__proto__') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TOOLS), fc.constantFrom('arg_key', 'arg_value</arg_value>', '<arg_key>command')).map(([t, a]) => t + a) },
  { weight: 1, arbitrary: freeText },
);

const shellScript = fc.oneof(
  fc.constantFrom('ls -la', 'ls | wc -l', 'echo hi > f.txt', 'cat a >> b', 'cat <<EOF', 'sed -i s/a/b/ f', 'SED -I x', 'sed -İ x', 'ed -s f', 'tee out', 'tee', 'git status; ls', 'a && b', 'a || b', 'x>', 'x > <y', 'find . -exec rm {} ;', 'cd /tmp && ls', ''),
  freeText,
);

const shellArgs = fc.record(
  {
    command: fc.oneof(shellScript, fc.array(fc.oneof(shellScript, word), { maxLength: 4 }), fc.constantFrom(['bash', '-lc', 'ls | wc'], ['', 'x'], [1, 'a'], null, 5)),
    workdir: fc.oneof(fc.constantFrom('/tmp', '', '  ', 5), word),
    timeout_ms: fc.oneof(fc.integer(), fc.constantFrom('100', 1.5)),
    with_escalated_permissions: fc.oneof(fc.boolean(), fc.constant('true')),
    justification: fc.oneof(freeText, fc.constant('')),
    cmd: shellScript,
    toon: shellScript,
    script: fc.oneof(shellScript, fc.integer()),
  },
  { requiredKeys: [] },
);

const planStep = fc.record({ step: fc.oneof(word, freeText), status: fc.constantFrom('pending', 'in_progress', 'completed', 'IN_PROGRESS', 7) }, { requiredKeys: [] });
const planArgs = fc.record({ plan: fc.oneof(fc.array(fc.oneof(planStep, fc.constant(null), word), { maxLength: 5 }), fc.constant('x'), fc.constant({})), explanation: fc.oneof(freeText, fc.constant(''), fc.constant(null), fc.integer()) }, { requiredKeys: [] });

const imagePath = fc.oneof(fc.tuple(fc.oneof(word, freeText), fc.constantFrom('.png', '.PNG', '.jpg', '.jpeg', '.gif', '.webp', '.bmp', '.svg', '.tif', '.tiff', '.TIFF', '.ico', '.heic', '.jxl', '.txt', '.png.txt', 'png', '.pn', '')).map((p) => p.join('')), fc.constantFrom('', '  ', 5));
const mcpArgs = fc.record({ server: fc.oneof(word, fc.constant('')), uri: fc.oneof(word, fc.constant('')), filter: word, root: word, cursor: fc.oneof(word, fc.integer()) }, { requiredKeys: [] });

/** One structured change in every shape buildStructuredPatch reads. */
const change = fc.record(
  {
    kind: fc.constantFrom('insert_after', 'insert_before', 'replace', 'delete', 'create_file', 'delete_file', 'REPLACE', ' replace ', 'update', '', 7),
    file: fc.oneof(fc.constantFrom('a.ts', 'src/b.ts', 'c\\d.ts', ' e.ts ', '', '  ', 'multi\nline.ts', ['x.ts'], { path: 'y.ts' }, { file: '' }), word),
    path: fc.constantFrom('p.ts', ''),
    target: fc.oneof(freeText, fc.constantFrom('line one', 'a\nb', 'a\\nb', '', '  ')),
    anchor: fc.oneof(freeText, fc.constantFrom('line one', 'ctx', '  indented', '')),
    lines: fc.oneof(fc.array(fc.oneof(freeText, fc.constant(null), fc.integer()), { maxLength: 3 }), freeText, fc.constantFrom('x\ny\n', 'a\\n b', 'a\\r\\nb', 'p\\u000Aq', null, 3)),
    text: freeText,
    content: freeText,
    use_anchor_indent: fc.oneof(fc.boolean(), fc.constantFrom(1, 0, 'yes')),
  },
  { requiredKeys: ['kind'] },
);

/** apply_patch arguments: raw patch text, JSON text fields, structured changes, conflicts, envelopes. */
const applyPatchArgs: fc.Arbitrary<string> = fc.oneof(
  patchText,
  patchText.map((p) => JSON.stringify({ patch: p })),
  patchText.map((p) => JSON.stringify({ input: p })),
  fc.tuple(fc.constantFrom('diff', 'patchText', 'body', 'instructions', 'command', '_raw'), patchText).map(([k, p]) => JSON.stringify({ [k]: p })),
  fc.tuple(fc.option(fc.constantFrom('a.ts', 'b.ts', ''), { nil: undefined }), fc.array(change, { maxLength: 4 })).map(([file, changes]) => JSON.stringify({ ...(file === undefined ? {} : { file }), changes })),
  fc.array(change, { maxLength: 3 }).map((cs) => JSON.stringify(cs)),
  change.map((c) => JSON.stringify(c)),
  fc.tuple(fc.array(change, { maxLength: 3 }), fc.constantFrom('instructions', 'changes', 'edits', 'ops')).map(([cs, k]) => JSON.stringify({ file: 'a.ts', [k]: JSON.stringify(cs) })),
  fc.tuple(freeText, freeText).map(([a, b]) => JSON.stringify({ file: 'f.ts', patch: `<<<<<<< ours\n${a}\n=======\n${b}\n>>>>>>> theirs` })),
  patchText.map((p) => JSON.stringify({ _raw: JSON.stringify({ patch: p }) })),
  patchText.map((p) => JSON.stringify({ patch: p }).slice(0, -2)),
  fc.constantFrom('{bad json', '{}', '[]', '', '"*** Begin Patch\\n*** End Patch"'),
);

/** Arguments text for a given tool. */
export function argumentsFor(name: string): fc.Arbitrary<string> {
  const tool = name.trim();
  const json = (a: fc.Arbitrary<unknown>): fc.Arbitrary<string> => a.map((v) => JSON.stringify(v));
  switch (tool) {
    case 'shell':
    case 'shell_command':
    case 'bash':
    case 'exec_command':
      return fc.oneof({ weight: 4, arbitrary: json(shellArgs) }, { weight: 1, arbitrary: argumentsText });
    case 'update_plan':
      return fc.oneof({ weight: 4, arbitrary: json(planArgs) }, { weight: 1, arbitrary: argumentsText });
    case 'view_image':
      return fc.oneof({ weight: 4, arbitrary: json(fc.record({ path: imagePath }, { requiredKeys: [] })) }, { weight: 1, arbitrary: argumentsText });
    case 'apply_patch':
      return fc.oneof({ weight: 6, arbitrary: applyPatchArgs }, { weight: 1, arbitrary: argumentsText });
    default:
      return fc.oneof(json(mcpArgs), argumentsText);
  }
}

/** A registry call: a name and arguments suited to it. */
export const registryCall = toolName.chain((name) => argumentsFor(name).map((args) => ({ name, arguments: args })));
