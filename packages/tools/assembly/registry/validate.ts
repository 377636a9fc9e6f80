// llms 0.6 `validateToolCall(name, argsString)` (tools/tool-registry.js): the allowed tools and their
// argument rules; arguments are read with parseToolArgsJson.
import { JsonArray, JsonKind, JsonObject, jsTrim, jsonArray, jsonNull, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { parseToolArgsJson } from '../args/args-json';
import { isBoundary, isWs, matchAtI, skipWs } from '../js/chars';
import { stringArray } from '../js/json';
import { member } from '../js/proto';
import { joinStrings, lowerForAsciiMatch } from '../js/strings';
import { validateApplyPatch } from './apply-patch/normalize-args';
import { validateExecCommand } from './exec-command';
import { invalid, valid, warning } from './verdict';
import { find } from '../js/find';

const ALLOWED: Array<string> = ['shell', 'shell_command', 'bash', 'exec_command', 'apply_patch', 'update_plan', 'view_image', 'list_mcp_resources', 'read_mcp_resource', 'list_mcp_resource_templates'];
const IMAGE_EXTENSIONS: Array<string> = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'svg', 'tif', 'tiff', 'ico', 'heic', 'jxl'];

/** asString: a non-blank string (returned as it is) or null. */
function nonBlank(o: JsonObject, key: string): string | null {
  const v = member(o, key);
  const s: string | null = v === null ? null : v.asString();
  return s !== null && jsTrim(s).length > 0 ? s : null;
}

/** /\bWORD\b[^\n]*-FLAG\b/ on lower-cased text. */
function wordThenFlag(s: string, word: string, flag: string): bool {
  for (let i = find(s, word); i >= 0; i = find(s, word, i + 1)) {
    const after = i + word.length;
    if (!isBoundary(s, i) || !isBoundary(s, after)) continue;
    let lineEnd = find(s, '\n', after);
    if (lineEnd < 0) lineEnd = s.length;
    for (let k = find(s, flag, after); k >= 0 && k + flag.length <= lineEnd; k = find(s, flag, k + 1)) {
      if (isBoundary(s, k + flag.length)) return true;
    }
  }
  return false;
}

/** detectForbiddenWrite. */
function forbiddenWrite(script: string): bool {
  const s = lowerForAsciiMatch(script);
  if (s.length == 0) return false;
  for (let i = find(s, '>'); i >= 0; i = find(s, '>', i + 1)) {
    const j = skipWs(s, i + 1);
    if (j < s.length && s.charCodeAt(j) != 0x3c) return true;
  }
  if (find(s, '<<') >= 0) return true;
  if (wordThenFlag(s, 'sed', '-i') || wordThenFlag(s, 'ed', '-s')) return true;
  for (let i = find(s, 'tee'); i >= 0; i = find(s, 'tee', i + 1)) {
    if (isBoundary(s, i) && i + 3 < s.length && isWs(s.charCodeAt(i + 3))) return true;
  }
  return false;
}

/** /\.(png|jpg|…)$/i */
function isImagePath(p: string): bool {
  for (let i = 0; i < IMAGE_EXTENSIONS.length; i++) {
    const ext = unchecked(IMAGE_EXTENSIONS[i]);
    const at = p.length - ext.length;
    if (at >= 1 && p.charCodeAt(at - 1) == 0x2e && matchAtI(p, at, ext)) return true;
  }
  return false;
}

function validateShell(args: JsonObject): JsonObject {
  const raw = member(args, 'command');
  const command = new Array<string>();
  if (raw !== null && raw.kind == JsonKind.String) command.push(changetype<string>(raw.asString()));
  else if (raw !== null && raw.kind == JsonKind.Array) {
    const items = changetype<JsonArray>(raw).items;
    for (let i = 0; i < items.length; i++) {
      const s = unchecked(items[i]).asString();
      if (s === null || jsTrim(s).length == 0) return invalid('invalid_command');
      command.push(s);
    }
  } else return invalid('invalid_command');
  const script = joinStrings(command, ' ');
  if (forbiddenWrite(script)) return invalid('forbidden_write_redirection');
  const bashLc = command.length >= 2 && unchecked(command[0]) == 'bash' && unchecked(command[1]) == '-lc';
  let hasMeta = false;
  for (let i = 0; i < script.length; i++) {
    const c = <i32>script.charCodeAt(i);
    if (c == 0x7c || c == 0x3b || c == 0x26) {
      hasMeta = true;
      break;
    }
  }
  let finalCommand = command;
  if (!bashLc && hasMeta) finalCommand = ['bash', '-lc', script];
  const out = jsonObject();
  out.set('command', stringArray(finalCommand));
  const workdir = nonBlank(args, 'workdir');
  if (workdir !== null) out.set('workdir', jsonString(workdir));
  const timeout = member(args, 'timeout_ms');
  if (timeout !== null && timeout.kind == JsonKind.Number && isFinite(timeout.asNumber())) out.set('timeout_ms', timeout);
  const escalated = member(args, 'with_escalated_permissions');
  if (escalated !== null && escalated.kind == JsonKind.Bool) out.set('with_escalated_permissions', escalated);
  const justification = nonBlank(args, 'justification');
  if (justification !== null) out.set('justification', jsonString(justification));
  return valid(out);
}

function validatePlan(args: JsonObject): JsonObject {
  const plan = member(args, 'plan');
  if (plan === null || plan.kind != JsonKind.Array) return invalid('missing_plan');
  let inProgress = 0;
  const items = changetype<JsonArray>(plan).items;
  for (let i = 0; i < items.length; i++) {
    const e = unchecked(items[i]);
    if (e.kind != JsonKind.Object) continue;
    const status = member(changetype<JsonObject>(e), 'status');
    if (status !== null && status.kind == JsonKind.String && changetype<string>(status.asString()) == 'in_progress') inProgress++;
  }
  const out = jsonObject();
  const explanation = nonBlank(args, 'explanation');
  out.set('explanation', explanation === null ? jsonNull() : jsonString(explanation));
  out.set('plan', plan);
  if (inProgress > 1) {
    const warnings = jsonArray();
    warnings.push(warning('multiple_in_progress', inProgress));
    return valid(out, warnings);
  }
  return valid(out);
}

/** Only the listed members, each kept when it is a non-blank string. */
function keepStrings(args: JsonObject, keys: Array<string>): JsonObject {
  const out = jsonObject();
  for (let i = 0; i < keys.length; i++) {
    const s = nonBlank(args, unchecked(keys[i]));
    if (s !== null) out.set(unchecked(keys[i]), jsonString(s));
  }
  return out;
}

/** `validateToolCall(name, argsString)`. */
export function validateToolCall(rawName: string, argsString: string): JsonObject {
  const name = jsTrim(rawName);
  if (name.length == 0) return invalid('empty_tool_name');
  if (!ALLOWED.includes(name)) return invalid('unknown_tool');
  const parsed = parseToolArgsJson(argsString);
  const args: JsonObject = parsed.kind == JsonKind.Object ? changetype<JsonObject>(parsed) : jsonObject();
  if (name == 'exec_command') return validateExecCommand(parsed);
  if (name == 'shell_command' || name == 'bash') {
    if (nonBlank(args, 'command') === null && nonBlank(args, 'cmd') === null) return invalid('missing_command');
    return valid(args);
  }
  if (name == 'apply_patch') {
    const e = validateApplyPatch(argsString, parsed);
    if (e.patch === null) return invalid(changetype<string>(e.reason));
    const out = jsonObject();
    out.set('patch', jsonString(changetype<string>(e.patch)));
    out.set('input', jsonString(changetype<string>(e.patch)));
    return valid(out);
  }
  if (name == 'shell') return validateShell(args);
  if (name == 'update_plan') return validatePlan(args);
  if (name == 'view_image') {
    const path = nonBlank(args, 'path');
    if (path === null || !isImagePath(path)) return invalid('invalid_image_path');
    return valid(keepStrings(args, ['path']));
  }
  if (name == 'list_mcp_resources') return valid(keepStrings(args, ['server', 'filter', 'root']));
  if (name == 'read_mcp_resource') {
    if (nonBlank(args, 'server') === null || nonBlank(args, 'uri') === null) return invalid('missing_server_or_uri');
    return valid(keepStrings(args, ['server', 'uri']));
  }
  return valid(keepStrings(args, ['server', 'cursor']));
}
