import type { Worker } from 'node:worker_threads';
import { fc, test as fcTest } from '@fast-check/vitest';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import type { DiffRecord } from '../src/records/diff-record.js';
import { openDiffStore, type DiffStore } from '../src/store/diff-store.js';
import type { DiffStoreOptions, StoreLogger } from '../src/store/options.js';
import { failureReason } from '../src/store/write-failures.js';
import { manualClock } from './helpers/manual-clock.js';
import { baseRecord, tempStores } from './helpers/store-fixtures.js';

// Nothing that goes wrong while storing is thrown at the caller: every failure is counted per reason
// and logged through the injected logger.

const { tempPath, track } = tempStores();

type LogFn = (message: string, detail?: Readonly<Record<string, unknown>>) => void;
function logger(): StoreLogger & { error: Mock<LogFn>; warn: Mock<LogFn> } {
  return { info: vi.fn<LogFn>(), warn: vi.fn<LogFn>(), error: vi.fn<LogFn>() };
}

// A clock that moves only when a test moves it: no write times out because the machine is slow.
let clock = manualClock();
beforeEach(() => {
  clock = manualClock();
});

function open(options: Partial<DiffStoreOptions> = {}): DiffStore {
  const store = openDiffStore({ path: tempPath(), redactor: 'disabled-for-tests', logger: logger(), retention: { intervalMs: 0 }, clock, ...options });
  track(store);
  return store;
}

let next = 0;
function record(over: Partial<DiffRecord> = {}): DiffRecord {
  next += 1;
  return baseRecord(next, over);
}

describe('failed writes are counted and logged, never thrown', () => {
  test('a constraint failure loses only that record', async () => {
    const log = logger();
    const path = tempPath();
    const store = openDiffStore({ path, redactor: 'disabled-for-tests', logger: log, retention: { intervalMs: 0 }, clock });
    track(store);
    const db = new Database(path);
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON diff_records WHEN NEW.module = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    db.close();
    const dup = record();
    expect(() => {
      store.write(record());
      store.write(record({ module: 'boom' }));
      store.write(dup);
      store.write(dup);
      store.write(record());
    }).not.toThrow();
    await store.flush();
    const stats = store.stats();
    expect(stats).toMatchObject({ written: 3, stored: 3, failedWrites: { total: 2, byReason: { constraint: 2 } } });
    expect(stats.lastError?.reason).toBe('constraint');
    expect(store.query()).toHaveLength(3);
    // Only the records written are counted in the summaries (the refused and the duplicate are not).
    expect(store.summary().reduce((n, s) => n + s.calls, 0)).toBe(3);
    expect(log.error).toHaveBeenCalledWith('diff store write failed', expect.objectContaining({ reason: 'constraint' }));
  });

  test('a full disk fails the batch as disk_full; earlier batches stay', async () => {
    const store = open({ maxDbBytes: 256 * 1024 });
    store.write(record());
    await store.flush();
    const big = { input: { text: 'x'.repeat(400_000) } };
    store.write(record({ payload_refs: big }));
    await store.flush();
    expect(store.stats().failedWrites.byReason.disk_full).toBe(1);
    expect(store.query()).toHaveLength(1);
    store.write(record());
    await store.flush();
    expect(store.query()).toHaveLength(2);
  });

  test('a lock held too long by another connection fails the batch as busy; the next one succeeds', async () => {
    const path = tempPath();
    // The lock is held until the first flush is over, so the writer's 50 ms wait always ends in SQLITE_BUSY.
    const store = openDiffStore({ path, redactor: 'disabled-for-tests', logger: logger(), retention: { intervalMs: 0 }, busyTimeoutMs: 50, clock });
    track(store);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    store.write(record());
    await store.flush();
    expect(store.stats().failedWrites.byReason.busy).toBe(1);
    other.exec('COMMIT');
    other.close();
    store.write(record());
    await store.flush();
    expect(store.stats()).toMatchObject({ written: 1, failedWrites: { total: 1 } });
  });

  test.each([
    ['SQLITE_FULL', 'disk_full'],
    ['SQLITE_READONLY', 'readonly'],
    ['SQLITE_READONLY_DBMOVED', 'readonly'],
    ['SQLITE_CONSTRAINT_UNIQUE', 'constraint'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_IOERR_WRITE', 'io'],
    ['SQLITE_CANTOPEN', 'io'],
    ['WORKER_CRASH', 'worker_crash'],
    ['WORKER_TIMEOUT', 'timeout'],
    ['SOMETHING_ELSE', 'unknown'],
  ] as const)('%s is counted as %s', (code, reason) => {
    expect(failureReason(code)).toBe(reason);
  });

  test('invalid records are counted, not thrown; so are writes after close', async () => {
    const store = open();
    store.write(record({ status: 'bogus' as never }));
    store.write({ id: 1 } as unknown as DiffRecord);
    store.write(null as unknown as DiffRecord);
    store.write(record());
    await store.flush();
    expect(store.stats()).toMatchObject({ written: 1, failedWrites: { total: 3, byReason: { invalid_record: 3 } } });
    await store.close();
    expect(() => store.write(record())).not.toThrow();
    expect(store.stats().dropped).toBe(1);
  });
});

describe('back-pressure and the writer thread', () => {
  test('past maxQueue, records are dropped and counted (and logged once)', async () => {
    const log = logger();
    const store = open({ maxQueue: 10, logger: log });
    for (let i = 0; i < 25; i += 1) store.write(record());
    expect(store.stats()).toMatchObject({ queued: 10, dropped: 15 });
    await store.flush();
    expect(store.stats()).toMatchObject({ queued: 0, written: 10, dropped: 15 });
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  test('a writer that dies with a batch in flight: the batch fails as worker_crash, a new writer takes over', async () => {
    const log = logger();
    const workers: Worker[] = [];
    const store = open({
      logger: log,
      onWorker: (worker) => {
        workers.push(worker);
        if (workers.length > 1) return;
        // Hold the first batch back and kill the thread once it is idle (never inside a SQLite call).
        worker.postMessage = () => {};
        worker.on('message', (message: { type: string }) => {
          if (message.type === 'ready') void worker.terminate();
        });
      },
    });
    store.write(record());
    store.write(record());
    await store.flush();
    expect(store.stats()).toMatchObject({ written: 0, failedWrites: { byReason: { worker_crash: 2 } } });
    clock.advance(60_000); // past the restart back-off
    store.write(record());
    await store.flush();
    expect(store.stats()).toMatchObject({ written: 1, workerRestarts: 1 });
    expect(store.query()).toHaveLength(1);
    expect(log.error).toHaveBeenCalledWith('diff store writer worker died; it will be restarted', expect.anything());
  });

  test('a writer killed while idle is replaced on the next batch, nothing lost', async () => {
    const workers: Worker[] = [];
    const store = open({ onWorker: (worker) => workers.push(worker) });
    store.write(record());
    await store.flush();
    await workers[0]?.terminate();
    clock.advance(60_000); // past the restart back-off
    store.write(record());
    await store.flush();
    expect(store.stats()).toMatchObject({ written: 2, failedWrites: { total: 0 }, workerRestarts: 1 });
    expect(workers).toHaveLength(2);
  });

  test('a writer that does not answer in time is replaced; its batch counts as timeout', async () => {
    // Time is the test's: the write timeout fires when the test says so, however slow the machine is.
    const log = logger();
    const path = tempPath();
    // The lock is held until the test lets go, so the first writer cannot answer until then.
    const store = openDiffStore({ path, redactor: 'disabled-for-tests', logger: log, retention: { intervalMs: 0 }, busyTimeoutMs: 600_000, writeTimeoutMs: 100, clock });
    track(store);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    store.write(record());
    await clock.armed(100); // the batch was sent and its answer is awaited
    clock.advance(100);
    await store.flush();
    other.exec('COMMIT');
    other.close();
    expect(store.stats().failedWrites.byReason.timeout).toBe(1);
    expect(log.error).toHaveBeenCalledWith('diff store writer did not answer in time; replacing it', { timeoutMs: 100 });
    clock.advance(60_000); // past the restart back-off
    store.write(record());
    await store.flush();
    expect(store.stats()).toMatchObject({ written: 1, workerRestarts: 1, failedWrites: { total: 1 } });
  });

  test('write() only queues: nothing is redacted, serialized or written on the caller\'s turn', async () => {
    const redact = vi.fn((value: unknown) => value);
    const store = open({
      redactor: {
        redact,
        identifier: (value) => value,
        pointer: (path) => path,
        isCredentialName: () => false,
        counters: () => ({ secretsRemoved: 0, piiMasked: 0, stacksHashed: 0, truncated: 0, identifiersHashed: 0 }),
        config: { key: 'store-failures-test-key-0123' },
      },
    });
    for (let i = 0; i < 5000; i += 1) store.write(record());
    expect(store.stats()).toMatchObject({ queued: 5000, written: 0, batches: 0 });
    expect(redact).not.toHaveBeenCalled();
    await store.flush();
    expect(store.stats()).toMatchObject({ queued: 0, written: 5000, batches: 10 });
  });
});

describe('write() never throws', () => {
  const numRuns = Math.min(fc.readConfigureGlobal().numRuns ?? 100, 100);
  fcTest.prop([fc.array(fc.oneof(fc.anything(), fc.constant(null)), { maxLength: 20 })], { numRuns })('whatever it is given', async (values) => {
    const store = openDiffStore({ path: ':memory:', redactor: 'disabled-for-tests', logger: logger(), retention: { intervalMs: 0 } });
    try {
      for (const value of values) expect(() => store.write(value as DiffRecord)).not.toThrow();
      await store.flush();
      const stats = store.stats();
      expect(stats.written + stats.failedWrites.total).toBe(values.length);
    } finally {
      await store.close();
    }
  });
});
