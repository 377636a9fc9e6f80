// Lifecycle alerts and decisions POSTed as JSON to a configured URL. Never on a caller's path: deliveries
// queue (bounded; the oldest is dropped and counted when full) and one at a time go out from timers, each
// attempt bounded by a timeout, retried with a growing back-off up to `retries` times; every outcome is
// counted (`llms_wasm_webhook_deliveries_total{outcome}`).
import type { Clock } from '../clock.js';
import type { WebhookSettings } from '../config/loaded-config.js';
import type { Counter } from '../metrics/metric-types.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { Redactor } from '../redact/redactor.js';

/** Sends one request; resolves with the HTTP status, rejects on a network failure or abort. */
export type WebhookPost = (url: string, body: string, headers: Readonly<Record<string, string>>, signal: AbortSignal) => Promise<number>;

/** What the webhook receives: `{ type, at, instance, ... }`, redacted. */
export type WebhookPayload = Readonly<Record<string, unknown>> & { readonly type: string };

const fetchPost: WebhookPost = async (url, body, headers, signal) => {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
};

/** The back-off before retry `n` (1-based): 1 s, 2 s, 4 s … capped at 60 s. */
export function webhookBackoffMs(n: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, n - 1));
}

/** The webhook sink: `send` queues and returns at once. */
export class AlertWebhook {
  readonly #settings: WebhookSettings;
  readonly #clock: Clock;
  readonly #post: WebhookPost;
  readonly #redactor: Redactor;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #outcomes: Counter<'outcome'>;
  readonly #queue: string[] = [];
  #busy = false;
  #closed = false;
  #idle: (() => void)[] = [];

  constructor(deps: { settings: WebhookSettings; clock: Clock; redactor: Redactor; metrics: MetricsRegistry; env?: Readonly<Record<string, string | undefined>>; post?: WebhookPost }) {
    this.#settings = deps.settings;
    this.#clock = deps.clock;
    this.#post = deps.post ?? fetchPost;
    this.#redactor = deps.redactor;
    const auth = deps.settings.authorizationEnv === undefined ? undefined : (deps.env ?? process.env)[deps.settings.authorizationEnv];
    this.#headers = auth === undefined || auth === '' ? {} : { authorization: auth };
    this.#outcomes = deps.metrics.counter('llms_wasm_webhook_deliveries_total', 'Alert webhook deliveries: delivered, failed (retries exhausted), dropped (queue full or closing), retried.', ['outcome']);
  }

  /** Queues `payload` (redacted here, before it leaves the process). Never throws. */
  send(payload: WebhookPayload): void {
    if (this.#closed) {
      this.#outcomes.inc({ outcome: 'dropped' });
      return;
    }
    let body: string;
    try {
      body = JSON.stringify(this.#redactor.redact(payload));
    } catch {
      this.#outcomes.inc({ outcome: 'dropped' });
      return;
    }
    if (this.#queue.length >= this.#settings.queueSize) {
      this.#queue.shift();
      this.#outcomes.inc({ outcome: 'dropped' });
    }
    this.#queue.push(body);
    if (!this.#busy) this.#clock.setTimeout(() => void this.#pump(), 0, true);
  }

  /** Resolves when the queue is empty and nothing is in flight. */
  idle(): Promise<void> {
    if (!this.#busy && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Stops sending: what is still queued is dropped and counted. */
  close(): void {
    this.#closed = true;
    if (this.#queue.length > 0) this.#outcomes.inc({ outcome: 'dropped' }, this.#queue.length);
    this.#queue.length = 0;
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    for (let body = this.#queue.shift(); body !== undefined; body = this.#queue.shift()) await this.#deliver(body);
    this.#busy = false;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #deliver(body: string): Promise<void> {
    for (let attempt = 0; attempt <= this.#settings.retries; attempt += 1) {
      if (attempt > 0) {
        this.#outcomes.inc({ outcome: 'retried' });
        await new Promise<void>((resolve) => this.#clock.setTimeout(resolve, webhookBackoffMs(attempt), true));
      }
      if (this.#closed) break;
      const abort = new AbortController();
      const timer = this.#clock.setTimeout(() => abort.abort(), this.#settings.timeoutMs, true);
      try {
        const status = await this.#post(this.#settings.url, body, this.#headers, abort.signal);
        if (status >= 200 && status < 300) {
          this.#outcomes.inc({ outcome: 'delivered' });
          return;
        }
        // 4xx other than 408/429 will not get better by retrying.
        if (status >= 400 && status < 500 && status !== 408 && status !== 429) break;
      } catch {
        // network failure or timeout: retried
      } finally {
        this.#clock.clearTimeout(timer);
      }
    }
    this.#outcomes.inc({ outcome: this.#closed ? 'dropped' : 'failed' });
  }
}
