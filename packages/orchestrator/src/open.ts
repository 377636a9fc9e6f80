import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import type { LoadedConfig } from './config/loaded-config.js';
import type { EnvSource } from './config/mode-env.js';
import { OrchestratorError } from './errors.js';
import type { MetricsRegistry } from './metrics/metrics-registry.js';
import { createOrchestrator, type Orchestrator } from './orchestrator.js';
import type { ErrorSink, Logger } from './orchestrator/error-sink.js';
import { createRedactor, type Redactor } from './redact/redactor.js';
import { openDiffStore } from './store/diff-store.js';
import { openControlStore, type ControlStore } from './control/control-store.js';
import { openLifecycleStore, type LifecycleStore } from './control/lifecycle-store.js';
import type { WebhookPost } from './orchestrator/alert-webhook.js';

/** Options of `openOrchestrator`. */
export interface OpenOptions {
  readonly env?: EnvSource;
  readonly metrics?: MetricsRegistry;
  readonly logger?: Logger;
  /** The redaction key; default: the variable `config.store.redaction.keyEnv` names. */
  readonly redactionKey?: string;
  /** Keep no records at all (metrics and listeners only). */
  readonly noStore?: boolean;
  /** Where typed failure events go (default: one line each on `logger`); see `OrchestratorOptions.errorSink`. */
  readonly errorSink?: ErrorSink;
  /** Timeouts, back-offs and deadlines of the shadow pool and the store, override polls and heartbeats (default: the system clock). */
  readonly clock?: Clock;
  /** This instance's id (heartbeats, `who` of its overrides); default `<host>-<pid>-<random>`. */
  readonly instanceId?: string;
  /** How the alert webhook sends (default `fetch`); for tests. */
  readonly webhookPost?: WebhookPost;
}

/**
 * An orchestrator with the store its config describes: SQLite at `store.path`, records redacted with the
 * key from the environment, mode overrides kept in the same file (written through, polled every
 * `control.pollMs`, reloaded at the next start) and a heartbeat row for `llms-wasm status`. With
 * `store.path: ':memory:'` or `noStore`, overrides live in this process only. Call `start()` next.
 * @throws OrchestratorError `CONFIG_INVALID` when the redaction key is missing or a module cannot be loaded
 * @example
 * const orchestrator = await openOrchestrator(loadConfig({ file: 'llms-wasm.json' }));
 * await orchestrator.start();
 * const out = await orchestrator.call('tokenizer', 'countTokens', { text: 'hi' }, { tenant: 'acme', requestId });
 */
export async function openOrchestrator(config: LoadedConfig, options: OpenOptions = {}): Promise<Orchestrator> {
  const env = options.env ?? process.env;
  let store = null;
  let control: ControlStore | null = null;
  let lifecycleStore: LifecycleStore | null = null;
  let redactor: Redactor;
  if (!options.noStore) {
    const key = options.redactionKey ?? env[config.store.redaction.keyEnv];
    if (!key) {
      throw new OrchestratorError('CONFIG_INVALID', `no redaction key: set ${config.store.redaction.keyEnv} (16+ characters) so records can be stored redacted`, { field: 'store.redaction.keyEnv' });
    }
    // One redactor for the store and the error sink: an identifier hashes the same in records and events.
    redactor = createRedactor({ key, piiPaths: config.store.redaction.piiPaths });
    store = openDiffStore({
      path: config.store.path,
      redactor,
      keepMatches: config.store.keepMatches,
      retention: config.store.retention,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    if (config.store.path !== ':memory:') {
      try {
        control = openControlStore(config.store.path);
        if (config.lifecycle !== null) lifecycleStore = openLifecycleStore(config.store.path);
      } catch (error) {
        await store.close();
        control?.close();
        throw error;
      }
    }
  } else {
    redactor = createRedactor({ key: randomBytes(32), piiPaths: config.store.redaction.piiPaths });
  }
  try {
    return await createOrchestrator(config, {
      store,
      control,
      lifecycleStore,
      env,
      redactor,
      ...(options.instanceId ? { instanceId: options.instanceId } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.errorSink ? { errorSink: options.errorSink } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.webhookPost ? { webhookPost: options.webhookPost } : {}),
    });
  } catch (error) {
    await store?.close();
    control?.close();
    lifecycleStore?.close();
    throw error;
  }
}
