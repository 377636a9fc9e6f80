import { STAGES, nextStage, openLifecycleStore, reduce, withModules, type DecisionRecord, type LifecycleEvent, type Stage } from '@llms-wasm/orchestrator';
import { UsageError, type CliIo } from '../io.js';
import { whoAmI } from '../who.js';
import { lifecycleModules, lifecycleTarget } from './lifecycle-target.js';
import { reasonOf } from './rollback.js';

/** Options of `llms-wasm promote`. */
export interface PromoteOptions {
  readonly module?: string | undefined;
  readonly to?: string | undefined;
  readonly reason?: string | undefined;
  readonly db?: string | undefined;
  readonly config?: string | undefined;
  readonly io: CliIo;
  /** When (tests); default now. */
  readonly now?: number;
}

/**
 * An approval: when a promotion waits for approval (the gate passed under `promotion: approval`, or the
 * module is `deprecated` with its gate passed), approves it; otherwise promotes the module one stage by
 * hand (never into `removed`, which only follows an approval). Recorded as `user@host` with the reason;
 * every orchestrator on the store applies the new stage at its next evaluation.
 * @returns the decision records written (a refused one included); the caller exits 1 on a refusal.
 */
export function promote(options: PromoteOptions): DecisionRecord[] {
  const target = lifecycleTarget('promote', options, options.io);
  if (options.module === undefined || options.module.includes(',')) throw new UsageError('promote: --module <id> (one module) is required');
  const [module] = lifecycleModules('promote', options.module, target.settings) as [string];
  const reason = reasonOf('promote', options, options.io, target.config?.store.redaction.keyEnv ?? 'LLMS_WASM_REDACTION_KEY');
  if (options.to !== undefined && !(STAGES as readonly string[]).includes(options.to)) throw new UsageError(`promote: --to must be one of ${STAGES.join(', ')}`);
  const by = whoAmI(options.io.env);
  const store = openLifecycleStore(target.db, { busyTimeoutMs: 5000 });
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const now = options.now ?? Date.now();
      const stored = store.load();
      const state = withModules(stored.state, target.settings, now);
      const ms = state.modules[module]!;
      const to = (options.to ?? ms.pending?.to ?? nextStage(ms.stage)) as Stage | null;
      if (to === null) throw new UsageError(`promote: ${module} is ${ms.stage}: there is no stage after it`);
      const event: LifecycleEvent = ms.pending?.to === to ? { type: 'approve', module, to, by, reason } : { type: 'promote', module, to, by, reason };
      const t = reduce(state, event, { now, settings: target.settings });
      const result = store.commit(stored.revision, t.state, t.records, by, now);
      if (!result.ok) continue; // another writer moved first: read again
      for (const r of t.records) options.io.out.write(`${r.id} ${r.kind} ${r.outcome}: ${r.stageBefore} → ${r.stageAfter}: ${r.reasons.join('; ')}\n`);
      if (t.records.some((r) => r.outcome === 'applied')) options.io.out.write('every orchestrator on this store applies it at its next evaluation (llms-wasm status shows the stage)\n');
      return [...t.records];
    }
    throw new UsageError('promote: the lifecycle state changed twice while this ran; try again');
  } finally {
    store.close();
  }
}
