import { formatEvaluation, gateReport, openControlStore, openDiffReader, openLifecycleStore, type GateReportEntry, type Redactor } from '@llms-wasm/orchestrator';
import type { CliIo } from '../io.js';
import { parseTime } from './diffs.js';
import { lifecycleModules, lifecycleTarget } from './lifecycle-target.js';

/** Options of `llms-wasm gates`. */
export interface GatesOptions {
  readonly db?: string;
  readonly config?: string;
  readonly module?: string;
  readonly json?: boolean;
  /** `--at`: ISO date-time or epoch ms (default now): a dry run over the store's history. */
  readonly at?: string;
  readonly io: CliIo;
  /** The store's redactor, for identifiers stored hashed. */
  readonly redactor?: Redactor;
  /** "Now" when `at` is not given (tests). */
  readonly now?: number;
}

/**
 * Evaluates every module's gates at `--at` (default now) from the store's windows and the lifecycle state
 * stored there (a module without one is judged as fresh in its initial stage since its first summary) and
 * prints each criterion with value, bound, threshold and verdict, and the decision. Writes nothing.
 */
export function gates(options: GatesOptions): GateReportEntry[] {
  const target = lifecycleTarget('gates', options, options.io);
  const at = parseTime(options.at, '--at') ?? options.now ?? Date.now();
  const modules = lifecycleModules('gates', options.module, target.settings);
  const reader = openDiffReader(target.db, options.redactor === undefined ? {} : { redactor: options.redactor });
  const lifecycle = openLifecycleStore(target.db, { readonly: true });
  const control = openControlStore(target.db, { readonly: true });
  let report: GateReportEntry[];
  try {
    const stored = lifecycle.load();
    report = gateReport({ settings: target.settings, stored: stored.state, evidence: (q) => reader.evidence(q), at, modules, overrides: control.activeOverrides().overrides });
  } finally {
    reader.close();
    lifecycle.close();
    control.close();
  }
  const out = options.io.out;
  if (options.json === true) {
    out.write(`${JSON.stringify({ at: new Date(at).toISOString(), settings: target.settingsFrom, modules: report.map((r) => ({ module: r.evaluation.module, state: r.state, stage: r.evaluation.stage, decision: r.evaluation.decision.action, evaluation: r.evaluation })) }, null, 2)}\n`);
  } else {
    out.write(`gates at ${new Date(at).toISOString()} over ${target.db} (settings: ${target.settingsFrom === 'config' ? 'the config\'s lifecycle section' : 'the defaults'})\n\n`);
    for (const r of report) out.write(`${formatEvaluation(r.evaluation)}\n  state: ${r.state === 'stored' ? 'stored' : 'none stored: judged as fresh in its initial stage since its first summarized minute'}\n\n`);
  }
  return report;
}
