import type { PatternStates, PointerPatterns } from '@llms-wasm/module-kit';

/** Running totals of what redaction did. */
export interface MutableCounters {
  secretsRemoved: number;
  piiMasked: number;
  stacksHashed: number;
  truncated: number;
}

/** What the walker applies at each node; built once by `createRedactor`. */
export interface WalkRules {
  readonly patterns: PointerPatterns;
  readonly maxDepth: number;
  readonly maxNodes: number;
  isCredentialKey(key: string): boolean;
  isStackKey(key: string): boolean;
  /** Full redaction of a string value (stack, secrets, PII, length cap). */
  text(value: string, counters: MutableCounters): string;
  /** Redaction of an object key (secrets and PII only). */
  key(key: string, counters: MutableCounters): string;
  stackHash(stack: string): string;
  maskString(value: string): string;
  maskNumber(value: number): number;
}

/** Replaces what lies beyond the depth or size cap. */
export const TRUNCATED_MARKER = '[truncated]';
/** Replaces a reference back to an enclosing object. */
export const CYCLE_MARKER = '[cycle]';
/** Replaces raw bytes (Buffers, typed arrays): they cannot be inspected for secrets. */
export const BINARY_MARKER = '[binary]';
/** Replaces a value whose getter or `toJSON` threw. */
export const UNREADABLE_MARKER = '[unreadable]';

type Container = Record<string, unknown> | unknown[];
interface Chain {
  readonly node: object;
  readonly next: Chain | null;
}
interface Task {
  readonly value: unknown;
  readonly depth: number;
  readonly states: PatternStates | null;
  readonly masked: boolean;
  readonly ancestors: Chain | null;
  readonly parent: Container;
  readonly key: string | number;
  readonly converted: boolean;
}

function put(parent: Container, key: string | number, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  else (parent as Record<string | number, unknown>)[key] = value;
}

function onChain(chain: Chain | null, node: object): boolean {
  for (let c = chain; c !== null; c = c.next) if (c.node === node) return true;
  return false;
}

const isDroppable = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** `{ name: 'Authorization', value: '…' }` (HAR-style header) or `['cookie', '…']` (header tuple). */
function pairNameOf(item: unknown): string | null {
  if (Array.isArray(item)) return item.length === 2 && typeof item[0] === 'string' ? item[0] : null;
  if (typeof item !== 'object' || item === null) return null;
  const named = item as { name?: unknown; key?: unknown };
  if (typeof named.name === 'string') return named.name;
  return typeof named.key === 'string' ? named.key : null;
}

function errorView(error: Error): Record<string, unknown> {
  const view: Record<string, unknown> = { name: error.name, message: error.message };
  if (error.stack !== undefined) view['stack'] = error.stack;
  if (error.cause !== undefined) view['cause'] = error.cause;
  for (const [k, v] of Object.entries(error)) view[k] = v;
  return view;
}

/**
 * Redacts `root` into a new value without recursion (an explicit work stack), so arbitrarily deep input
 * cannot overflow the call stack: beyond `maxDepth` levels or `maxNodes` nodes, values become
 * {@link TRUNCATED_MARKER} and are counted. The input is never mutated. `at` is where `root` sits in
 * the payload (pointer segments), for matching PII path patterns.
 */
export function walk(root: unknown, rules: WalkRules, counters: MutableCounters, at: readonly string[] = []): unknown {
  const box: Record<string, unknown> = {};
  let states = rules.patterns.root;
  let masked = states?.matched === true;
  for (const segment of at) {
    states = states === null ? null : rules.patterns.advance(states, segment);
    masked ||= states?.matched === true;
  }
  const tasks: Task[] = [{ value: root, depth: 0, states, masked, ancestors: null, parent: box, key: 'v', converted: false }];
  let nodes = 0;
  const visit = (task: Task): unknown => {
    const v = task.value;
    switch (typeof v) {
      case 'string':
        if (task.masked) counters.piiMasked += 1;
        return task.masked ? rules.maskString(v) : rules.text(v, counters);
      case 'number':
        if (task.masked) counters.piiMasked += 1;
        return task.masked ? rules.maskNumber(v) : v;
      case 'bigint':
        return visit({ ...task, value: String(v) });
      case 'object':
        return v === null ? null : visitObject(task, v);
      case 'boolean':
        return v;
      default:
        return null;
    }
  };
  const visitObject = (task: Task, source: object): unknown => {
    if (task.depth >= rules.maxDepth) {
      counters.truncated += 1;
      return TRUNCATED_MARKER;
    }
    if (onChain(task.ancestors, source)) return CYCLE_MARKER;
    if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) return BINARY_MARKER;
    if (!task.converted && typeof (source as { toJSON?: unknown }).toJSON === 'function') {
      return visit({ ...task, value: (source as { toJSON: () => unknown }).toJSON(), converted: true });
    }
    const view = source instanceof Error ? errorView(source) : source;
    const ancestors: Chain = { node: source, next: task.ancestors };
    const child = (value: unknown, parent: Container, key: string | number, segment: string): void => {
      const states = task.states === null ? null : rules.patterns.advance(task.states, segment);
      const masked = task.masked || states?.matched === true;
      tasks.push({ value, depth: task.depth + 1, states, masked, ancestors, parent, key, converted: false });
    };
    if (Array.isArray(view)) {
      const out: unknown[] = [];
      view.forEach((item: unknown, index) => {
        const name = Array.isArray(item) ? pairNameOf(item) : null;
        if (name !== null && rules.isCredentialKey(name)) {
          counters.secretsRemoved += 1;
          return;
        }
        out.push(null);
        if (!isDroppable(item)) child(item, out, out.length - 1, String(index));
      });
      return out;
    }
    const record = view as Record<string, unknown>;
    const pairName = pairNameOf(record);
    const pairIsSecret = pairName !== null && rules.isCredentialKey(pairName);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (isDroppable(item)) continue;
      if (rules.isCredentialKey(key) || (pairIsSecret && (key === 'value' || key === 'values'))) {
        counters.secretsRemoved += 1;
        continue;
      }
      let outKey = rules.key(key, counters);
      while (Object.hasOwn(out, outKey)) outKey = `${outKey}#`;
      if (rules.isStackKey(key) && typeof item === 'string') {
        counters.stacksHashed += 1;
        put(out, outKey, rules.stackHash(item));
        continue;
      }
      put(out, outKey, null);
      child(item, out, outKey, key);
    }
    return out;
  };
  while (tasks.length > 0) {
    const task = tasks.pop() as Task;
    nodes += 1;
    let value: unknown;
    if (nodes > rules.maxNodes) {
      counters.truncated += 1;
      value = TRUNCATED_MARKER;
    } else {
      try {
        value = visit(task);
      } catch {
        value = UNREADABLE_MARKER;
      }
    }
    put(task.parent, task.key, value);
  }
  return box['v'];
}
