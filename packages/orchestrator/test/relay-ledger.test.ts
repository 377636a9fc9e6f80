// The record relay's accounting (decision 0018): records announced by the caller's thread and reported
// by the writer thread, in either order, per writer generation; what a dead writer never reported is lost.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RelayLedger } from '../src/store/relay-ledger.js';

describe('RelayLedger', () => {
  it('waits for a record announced before its report, and not for one reported first', () => {
    const ledger = new RelayLedger();
    expect(ledger.sent(1)).toBe('waiting');
    expect(ledger.waiting).toBe(1);
    expect(ledger.reported(1, 2)).toBe(1); // one of the two was waiting, the other was reported early
    expect(ledger.waiting).toBe(0);
    expect(ledger.sent(1)).toBe('reported');
    expect(ledger.waiting).toBe(0);
  });

  it('loses what a retired generation never reported, and what is announced for it afterwards', () => {
    const ledger = new RelayLedger();
    ledger.sent(1);
    ledger.sent(1);
    ledger.reported(1, 1);
    expect(ledger.retired(1)).toBe(1);
    expect(ledger.waiting).toBe(0);
    expect(ledger.sent(1)).toBe('lost');
    expect(ledger.sent(2)).toBe('waiting'); // the next writer is unaffected
    expect(ledger.waiting).toBe(1);
  });

  it('a record the dead writer reported before its announcement arrived is not lost', () => {
    const ledger = new RelayLedger();
    ledger.reported(3, 1);
    expect(ledger.retired(3)).toBe(0);
    expect(ledger.sent(3)).toBe('reported');
    expect(ledger.sent(3)).toBe('lost');
  });

  it('every announced record ends up reported or lost exactly once, in any interleaving', () => {
    // A schedule of events for one generation: each record is announced once and, unless the writer dies
    // first, reported once; the writer may die at any point.
    const schedule = fc.record({
      records: fc.integer({ min: 0, max: 30 }),
      order: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 60, maxLength: 60 }),
      deathAt: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    });
    fc.assert(
      fc.property(schedule, ({ records, order, deathAt }) => {
        const events: { kind: 'sent' | 'reported'; key: number }[] = [];
        for (let i = 0; i < records; i += 1) events.push({ kind: 'sent', key: order[2 * i] ?? 0 }, { kind: 'reported', key: order[2 * i + 1] ?? 0 });
        events.sort((a, b) => a.key - b.key);
        const ledger = new RelayLedger();
        let settled = 0;
        let lost = 0;
        let reportedEarly = 0;
        let dead = false;
        for (const [i, e] of events.entries()) {
          if (!dead && deathAt !== null && i === deathAt) {
            lost += ledger.retired(1);
            dead = true;
          }
          if (e.kind === 'reported') {
            if (dead) continue; // a dead writer reports nothing more
            const waited = ledger.reported(1, 1);
            settled += waited;
            reportedEarly += 1 - waited;
          } else {
            const state = ledger.sent(1);
            if (state === 'reported') settled += 1;
            if (state === 'lost') lost += 1;
          }
        }
        if (!dead) lost += ledger.retired(1);
        expect(settled + lost).toBe(records);
        expect(ledger.waiting).toBe(0);
        expect(reportedEarly).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
