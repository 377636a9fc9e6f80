// Fault injection: whatever the shadow does — throw, trap, hang past its timeout, run out of memory, or find
// its queue full — the caller gets exactly what the primary produced, before the shadow settles.
import { fileURLToPath } from 'node:url';
import { loadRuleset } from '@llms-wasm/module-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrchestrator, loadConfig, type DiffRecord, type Orchestrator } from '../src/index.js';
import { PrimaryFailure } from './fixtures/faulty-module.mjs';

/** The ruleset rulesets/current.json points at (records name it). */
const CURRENT_RULESET = loadRuleset().ruleset.version;

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const quiet = { warn: () => undefined, error: () => undefined };
const opened: Orchestrator[] = [];

async function orchestrator(extra: Record<string, unknown> = {}, env: Record<string, string> = {}): Promise<Orchestrator> {
  const config = loadConfig(
    {
      modules: { faulty: { import: FIXTURE }, compat: { import: FIXTURE } },
      defaults: { mode: 'shadow' },
      shadow: { workers: 1, timeoutMs: 500, memoryMb: 64, queueSize: 100 },
      ...extra,
    },
    env,
  );
  const o = await createOrchestrator(config, { store: null, env, logger: quiet });
  opened.push(o);
  await o.start();
  return o;
}

/** The record of `requestId`, when its shadow settles. */
function recordOf(o: Orchestrator, requestId: string): { settled: () => boolean; record: Promise<DiffRecord> } {
  let done = false;
  const record = new Promise<DiffRecord>((resolve) => {
    const off = o.onRecord((r) => {
      if (r.requestId !== requestId) return;
      done = true;
      off();
      resolve(r);
    });
  });
  return { settled: () => done, record };
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

describe('the primary is isolated from its shadow', () => {
  it.each([
    ['throws', 'throw', 'UNEXPECTED'],
    ['traps (WebAssembly unreachable)', 'trap', 'UNEXPECTED'],
    ['hangs past its timeout', 'hang', 'SHADOW_TIMEOUT'],
    ['runs out of memory', 'oom', 'SHADOW_OOM'],
  ])('a shadow that %s changes nothing for the caller and is recorded', async (_what, mode, code) => {
    const o = await orchestrator();
    const watch = recordOf(o, `r-${mode}`);
    const result = await o.call('faulty', 'run', { mode, value: 42 }, { requestId: `r-${mode}` });
    expect(result).toEqual({ echo: 42 });
    expect(watch.settled()).toBe(false); // the caller had its answer before the shadow finished
    const record = await watch.record;
    expect(record).toMatchObject({ status: 'shadow_error', classification: 'logic_bug', runtime_main: 'ts', runtime_shadow: 'wasm', shadow_error: { code } });
    if (code === 'UNEXPECTED') expect(record.shadow_error?.stack_hash).toMatch(/^stack:[0-9a-f]{16}$/);
    // The pool replaced what broke: the next shadow runs normally.
    const next = recordOf(o, 'after');
    await expect(o.call('faulty', 'run', { mode: 'ok', value: 1 }, { requestId: 'after' })).resolves.toEqual({ echo: 1 });
    await expect(next.record).resolves.toMatchObject({ status: 'match', classification: null });
  });

  it('drops and counts shadows when the queue is full, never the primary', async () => {
    const o = await orchestrator({ shadow: { workers: 1, queueSize: 2, timeoutMs: 5000 } });
    const records: DiffRecord[] = [];
    o.onRecord((r) => records.push(r));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => o.call('faulty', 'run', { mode: 'slow', value: i }, { requestId: `q${i}` })));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => ({ echo: i })));
    await o.drain();
    const dropped = o.metrics.render().match(/llms_wasm_shadow_dropped_total\{module="faulty",reason="queue_full"\} (\d+)/);
    expect(Number(dropped?.[1])).toBeGreaterThan(0);
    expect(records.length + Number(dropped?.[1])).toBe(20);
    expect(o.shadow.stats.dropped).toBe(Number(dropped?.[1]));
  });

  it('records both sides refusing with the same module error as both_failed, never as a match', async () => {
    const o = await orchestrator();
    const watch = recordOf(o, 'r-refuse');
    await expect(o.call('faulty', 'run', { mode: 'refuse' }, { requestId: 'r-refuse' })).rejects.toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'REFUSED' } });
    await expect(watch.record).resolves.toMatchObject({ status: 'both_failed', classification: null });
  });

  it('returns the primary error exactly as thrown', async () => {
    const o = await orchestrator();
    const watch = recordOf(o, 'fail');
    const error = await o.call('faulty', 'run', { mode: 'ok', value: 1, primary: 'fail' }, { requestId: 'fail' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrimaryFailure);
    expect((error as Error).message).toBe('the primary refused');
    await expect(watch.record).resolves.toMatchObject({ status: 'diff', classification: 'logic_bug' });
  });

  it('serves from WASM in wasm_primary mode and shadows with TS', async () => {
    const o = await orchestrator({}, { LLMS_WASM_MODE: 'wasm_primary' });
    const watch = recordOf(o, 'wp');
    await expect(o.call('faulty', 'run', { mode: 'diff', value: 5 }, { requestId: 'wp' })).resolves.toEqual({ echo: 'different' });
    await expect(watch.record).resolves.toMatchObject({ runtime_main: 'wasm', runtime_shadow: 'ts', status: 'diff' });
    await expect(o.call('faulty', 'run', { mode: 'throw' })).rejects.toThrow('the shadow threw');
  });

  it('detects a primary that mutates its input; the shadow sees the input as received', async () => {
    const o = await orchestrator();
    const input: { mode: string; value?: number; primary: string } = { mode: 'ok', value: 7, primary: 'mutate' };
    const watch = recordOf(o, 'mut');
    await expect(o.call('faulty', 'run', input, { requestId: 'mut' })).resolves.toEqual({ echo: 7 });
    expect(input.value).toBeUndefined(); // the caller's object is the primary's business
    await expect(watch.record).resolves.toMatchObject({ status: 'match' });
    expect(o.metrics.render()).toMatch(/llms_wasm_primary_input_mutations_total\{module="faulty",runtime="ts"\} 1/);
  });

  it('shadows nothing when the mode is ts_primary or the sample rate is 0', async () => {
    const o = await orchestrator({ modules: { faulty: { import: FIXTURE, sampleRate: 0 }, compat: { import: FIXTURE, mode: 'ts_primary' } } });
    const records: DiffRecord[] = [];
    o.onRecord((r) => records.push(r));
    await o.call('faulty', 'run', { mode: 'diff', value: 1 });
    await o.call('compat', 'run', { mode: 'diff', value: 1 });
    await o.drain();
    expect(records).toEqual([]);
    expect(o.shadow.stats.submitted).toBe(0);
  });
});

describe('classification', () => {
  it.each([
    ['faulty', 'nondeterministic', { status: 'match', classification: 'nondeterministic' }],
    ['faulty', 'diff', { status: 'diff', classification: 'logic_bug', owner: 'test-team', fix_location: 'wasm core' }],
    ['compat', 'diff', { status: 'diff', classification: 'compat_issue', fix_location: 'compat adapter' }],
    ['faulty', 'lone', { status: 'diff', classification: 'data_quality' }],
    ['faulty', 'ok', { status: 'match', classification: null, diff_summary: null, payload_refs: null }],
  ])('%s with a %s shadow', async (module, mode, expected) => {
    const o = await orchestrator();
    const watch = recordOf(o, 'c');
    await o.call(module, 'run', { mode, value: 'x' }, { requestId: 'c', tenant: 'acme', route: 'chat' });
    const record = await watch.record;
    expect(record).toMatchObject({ ...expected, module, operation: 'run', tenant: 'acme', route: 'chat', ruleset_version: CURRENT_RULESET });
    if (record.status === 'diff') {
      expect(record.diff_summary?.paths.length).toBeGreaterThan(0);
      expect(record.payload_refs).toMatchObject({ input: { mode, value: 'x' } });
    }
  });
});

describe('dual load', () => {
  it('reports a runtime that cannot start and degrades its module loudly to a locked ts_primary', async () => {
    const o = await orchestrator({ modules: { faulty: { import: FIXTURE }, broken: { import: FIXTURE } } });
    const report = await o.start();
    expect(report.modules['broken']?.wasm).toMatch(/^failed: .*the binary is missing/);
    expect(report.modules['faulty']).toEqual({ ts: 'ready', wasm: 'ready' });
    expect(o.overrides()).toEqual([expect.objectContaining({ module: 'broken', mode: 'ts_primary', lock: true, reason: expect.stringContaining('failed to initialize') as string })]);
    expect(o.resolveMode({ module: 'broken', headers: { 'x-wasm-mode': 'wasm_primary' } })).toMatchObject({ mode: 'ts_primary', scope: 'override', locked: true });
    await expect(o.call('broken', 'run', { mode: 'ok', value: 3 })).resolves.toEqual({ echo: 3 });
    expect(o.metrics.render()).toMatch(/llms_wasm_runtime_up\{module="broken",runtime="wasm"\} 0/);
    expect(o.metrics.render()).toMatch(/llms_wasm_runtime_init_failures_total\{module="broken",runtime="wasm"\} [12]/);
  });

  it('refuses an unknown module as a wiring error', async () => {
    const o = await orchestrator();
    await expect(o.call('nope', 'run', {})).rejects.toMatchObject({ code: 'MODULE_UNKNOWN' });
  });
});
