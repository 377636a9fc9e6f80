// The alert webhook: POSTs off the caller's path, retried with a growing back-off on the injected clock up
// to its bound, not retried on a 4xx that will not change, bounded queue, redacted bodies, every outcome counted.
import { describe, expect, it } from 'vitest';
import { AlertWebhook, MetricsRegistry, createRedactor, webhookBackoffMs, type WebhookPost } from '../src/index.js';
import { manualClock } from './helpers/manual-clock.js';

const settings = { url: 'https://hooks.example/llms', timeoutMs: 5000, retries: 2, queueSize: 3 };
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(answers: (number | Error | 'hang')[], over: Partial<typeof settings> & { authorizationEnv?: string } = {}, env: Record<string, string> = {}) {
  const clock = manualClock(0);
  const metrics = new MetricsRegistry();
  const sent: { body: string; headers: Record<string, string>; at: number }[] = [];
  const post: WebhookPost = (_url, body, headers, signal) => {
    sent.push({ body, headers: { ...headers }, at: clock.now() });
    const answer = answers.shift() ?? 200;
    if (answer === 'hang') return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  const hook = new AlertWebhook({ settings: { ...settings, ...over }, clock, redactor: createRedactor({ key: 'webhook-test-key-0123456789' }), metrics, env, post });
  const outcome = (name: string): number => {
    const m = new RegExp(`llms_wasm_webhook_deliveries_total\\{outcome="${name}"\\} (\\d+)`).exec(metrics.render());
    return m ? Number(m[1]) : 0;
  };
  return { clock, hook, sent, outcome };
}

describe('the alert webhook', () => {
  it('sends nothing on the caller\'s turn, then delivers', async () => {
    const { hook, sent, clock, outcome } = setup([200]);
    hook.send({ type: 'lifecycle_alert', module: 'tools', message: 'diff spike' });
    expect(sent).toHaveLength(0);
    clock.advance(0);
    await hook.idle();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toEqual({ type: 'lifecycle_alert', module: 'tools', message: 'diff spike' });
    expect(outcome('delivered')).toBe(1);
  });

  it('retries failures and timeouts after 1 s, 2 s … up to its bound, then counts the delivery failed', async () => {
    expect([1, 2, 3, 7, 10].map(webhookBackoffMs)).toEqual([1000, 2000, 4000, 60_000, 60_000]);
    const { hook, sent, clock, outcome } = setup([503, 'hang', new Error('ECONNREFUSED')]);
    hook.send({ type: 'lifecycle_decision', id: 'tools#4' });
    clock.advance(0);
    await flush();
    expect(sent.map((s) => s.at)).toEqual([0]);
    clock.advance(1000); // first retry: it hangs until the 5 s timeout
    await flush();
    expect(sent.map((s) => s.at)).toEqual([0, 1000]);
    clock.advance(5000);
    await flush();
    clock.advance(2000); // second (last) retry
    await hook.idle();
    expect(sent.map((s) => s.at)).toEqual([0, 1000, 8000]);
    expect(outcome('retried')).toBe(2);
    expect(outcome('failed')).toBe(1);
    expect(outcome('delivered')).toBe(0);
  });

  it('does not retry a 4xx that will not change', async () => {
    const { hook, sent, clock, outcome } = setup([404]);
    hook.send({ type: 'lifecycle_alert' });
    clock.advance(0);
    await hook.idle();
    expect(sent).toHaveLength(1);
    expect(outcome('failed')).toBe(1);
  });

  it('keeps at most queueSize deliveries (the oldest dropped, counted) and drops what is queued at close', async () => {
    const { hook, sent, clock, outcome } = setup([]);
    for (let i = 0; i < 5; i += 1) hook.send({ type: 'lifecycle_alert', n: i });
    expect(outcome('dropped')).toBe(2);
    clock.advance(0);
    await hook.idle();
    expect(sent.map((s) => (JSON.parse(s.body) as { n: number }).n)).toEqual([2, 3, 4]);
    hook.close();
    hook.send({ type: 'late' });
    expect(outcome('dropped')).toBe(3);
  });

  it('redacts every body and sends the Authorization header from the environment only', async () => {
    const { hook, sent, clock } = setup([200], { authorizationEnv: 'HOOK_TOKEN' }, { HOOK_TOKEN: 'Bearer hook-secret' });
    hook.send({ type: 'lifecycle_alert', message: 'shadow failed: api_key=sk-proj-abcdefghijklmnopqrstuvwxyz0123456789' });
    clock.advance(0);
    await hook.idle();
    expect(sent[0]!.body).not.toContain('sk-proj-abcdefghijklmnopqrstuvwxyz0123456789');
    expect(sent[0]!.headers).toEqual({ authorization: 'Bearer hook-secret' });
  });
});
