import type { RuntimeKind } from '@llms-wasm/module-kit';
import { redactVersions } from '../redact/redact-record.js';
import type { Redactor } from '../redact/redactor.js';
import type { CallKey } from './summary-aggregator.js';
import type { ModuleVersions } from './module-versions.js';

const MEMO_LIMIT = 4096;

/**
 * The summary key of each call, built on the caller's thread: identifiers go through the identifier
 * rule (kept, or a keyed hash: decision 0008) and versions through the text rules, once per distinct
 * value, memoized in bounded maps (tenants and routes are few; a flood of distinct values only clears
 * the map, it never grows without bound; versions are a handful per module).
 */
export function callKeys(redactor: Redactor, versions: (module: string) => ModuleVersions, rulesetVersion: string) {
  let memo = new Map<string, string>();
  const id = (value: string | undefined): string => {
    if (value === undefined || value === '') return '';
    let out = memo.get(value);
    if (out === undefined) {
      out = redactor.identifier(value);
      if (memo.size >= MEMO_LIMIT) memo = new Map();
      memo.set(value, out);
    }
    return out;
  };
  const ruleset = redactor.identifier(rulesetVersion);
  const versionMemo = new Map<string, ModuleVersions>();
  const versionsOf = (module: string): ModuleVersions => {
    const v = versions(module);
    const raw = `${v.module_version}\u0000${v.wasm_digest}\u0000${v.llms_version}`;
    let out = versionMemo.get(raw);
    if (out === undefined) {
      out = redactVersions(v, redactor);
      versionMemo.set(raw, out);
    }
    return out;
  };
  return (module: string, operation: string, main: RuntimeKind, shadow: RuntimeKind | null, ctx: { readonly tenant?: string; readonly route?: string }): CallKey => ({
    module: id(module),
    operation: id(operation),
    runtime_main: main,
    runtime_shadow: shadow ?? '',
    ...versionsOf(module),
    ruleset_version: ruleset,
    tenant: id(ctx.tenant),
    route: id(ctx.route),
  });
}

export type CallKeys = ReturnType<typeof callKeys>;
