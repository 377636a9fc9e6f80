// Two processes on one store file, as an fc.commands state machine: each sets and clears overrides at
// every scope and polls; after any of its own operations or polls a side holds exactly what the store
// holds (the last write per module and scope wins), and until then it keeps what it saw last.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import Database from 'better-sqlite3';
import { afterAll, describe, expect } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { openControlStore, type ControlStore } from '../src/control/control-store.js';
import { OverrideSync } from '../src/control/override-sync.js';
import type { Mode } from '../src/config/mode-schema.js';
import { createModeResolver, type ModeResolver } from '../src/modes/mode-resolver.js';
import { overrideKey, type OverrideTarget } from '../src/modes/mode-override.js';
import { manualClock } from './helpers/manual-clock.js';

const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-sync-'));
const path = join(dir, 'store.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Side = 0 | 1;
interface Entry {
  readonly mode: Mode;
  readonly lock: boolean;
  readonly reason: string;
}
interface Model {
  store: Map<string, Entry>;
  seen: [Map<string, Entry>, Map<string, Entry>];
}
interface Real {
  readonly sides: readonly [{ sync: OverrideSync; resolver: ModeResolver }, { sync: OverrideSync; resolver: ModeResolver }];
  readonly controls: readonly ControlStore[];
}

const config = loadConfig({ modules: { alpha: { import: 'a' }, beta: { import: 'b' } } }, {});
const quiet = { warn: (): void => undefined, error: (): void => undefined };

function view(resolver: ModeResolver): Map<string, Entry> {
  return new Map(resolver.overrides().map((o) => [overrideKey(o), { mode: o.mode, lock: o.lock, reason: o.reason }]));
}

function settled(model: Model, real: Real, side: Side): void {
  model.seen[side] = new Map(model.store);
  for (const s of [0, 1] as const) expect(view(real.sides[s].resolver)).toEqual(model.seen[s]);
}

class SetCmd implements fc.Command<Model, Real> {
  constructor(readonly side: Side, readonly target: OverrideTarget, readonly mode: Mode, readonly lock: boolean, readonly reason: string) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const made = real.sides[this.side].sync.set({ ...this.target, mode: this.mode, lock: this.lock, reason: this.reason });
    expect(made.origin).toBe('stored');
    model.store.set(overrideKey(this.target), { mode: this.mode, lock: this.lock, reason: this.reason });
    settled(model, real, this.side);
  }
  toString = (): string => `set#${this.side}(${overrideKey(this.target).replace(/\u0000/g, '/')}=${this.mode}${this.lock ? ',lock' : ''})`;
}

class ClearCmd implements fc.Command<Model, Real> {
  constructor(readonly side: Side, readonly target: OverrideTarget) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const key = overrideKey(this.target);
    // True when this side knew of one (it may be stale: the store's row is cleared either way).
    expect(real.sides[this.side].sync.clear(this.target, 'machine')).toBe(model.seen[this.side].has(key));
    model.store.delete(key);
    settled(model, real, this.side);
  }
  toString = (): string => `clear#${this.side}(${overrideKey(this.target).replace(/\u0000/g, '/')})`;
}

class PollCmd implements fc.Command<Model, Real> {
  constructor(readonly side: Side) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    real.sides[this.side].sync.poll();
    settled(model, real, this.side);
  }
  toString = (): string => `poll#${this.side}`;
}

function setup(): { model: Model; real: Real } {
  const wipe = new Database(path);
  wipe.exec('DELETE FROM mode_overrides');
  wipe.close();
  const controls = [openControlStore(path), openControlStore(path)];
  const sides = controls.map((control, i) => {
    const resolver = createModeResolver(config, {});
    const sync = new OverrideSync({ control, resolver, clock: manualClock(), pollMs: 1000, who: `instance:${i}`, clean: (t) => t, report: () => undefined, logger: quiet });
    return { sync, resolver };
  }) as unknown as Real['sides'];
  return { model: { store: new Map(), seen: [new Map(), new Map()] }, real: { sides, controls } };
}

describe('two processes on one store file', () => {
  openControlStore(path).close(); // create and migrate once
  const side = fc.constantFrom<Side>(0, 1);
  const target: fc.Arbitrary<OverrideTarget> = fc.record(
    { module: fc.constantFrom('alpha', 'beta'), tenant: fc.constantFrom('t1', 't2'), route: fc.constant('r1') },
    { requiredKeys: [] },
  ).map((t) => (t.tenant !== undefined && t.route !== undefined ? { ...(t.module === undefined ? {} : { module: t.module }), tenant: t.tenant } : t));
  const commands = fc.commands(
    [
      fc.tuple(side, target, fc.constantFrom<Mode>('ts_primary', 'shadow', 'wasm_primary'), fc.boolean(), fc.constantFrom('r1', 'r2')).map(([s, t, m, l, r]) => new SetCmd(s, t, m, l, r)),
      fc.tuple(side, target).map(([s, t]) => new ClearCmd(s, t)),
      side.map((s) => new PollCmd(s)),
    ],
    { maxCommands: 30 },
  );

  test.prop([commands])('after its own write or poll a side holds what the store holds; before, what it saw last', (cmds) => {
    let real: Real | undefined;
    try {
      fc.modelRun(() => {
        const made = setup();
        real = made.real;
        return made;
      }, cmds);
    } finally {
      for (const control of real?.controls ?? []) control.close();
    }
  });
});
