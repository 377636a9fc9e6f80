/** What a property compared: how many runs, and how many of them ended in the same error on both sides. */
export interface EquivalenceStats {
  readonly property: string;
  readonly runs: number;
  /** Runs where both runtimes refused the input with the same module error code. */
  readonly bothFailed: number;
  readonly bothFailedByCode: Readonly<Record<string, number>>;
  /** `bothFailed / runs` (0 when nothing ran). */
  readonly bothFailedShare: number;
}

/** Above this share of both-failed runs a property is said to test mostly errors. */
export const MOSTLY_ERRORS_SHARE = 0.2;

/** Counts runs as a property goes. */
export class StatsCounter {
  private runs = 0;
  private readonly failed = new Map<string, number>();

  constructor(private readonly property: string) {}

  count(bothFailed: string | undefined): void {
    this.runs += 1;
    if (bothFailed !== undefined) this.failed.set(bothFailed, (this.failed.get(bothFailed) ?? 0) + 1);
  }

  snapshot(): EquivalenceStats {
    const bothFailed = [...this.failed.values()].reduce((a, b) => a + b, 0);
    return {
      property: this.property,
      runs: this.runs,
      bothFailed,
      bothFailedByCode: Object.fromEntries(this.failed),
      bothFailedShare: this.runs === 0 ? 0 : bothFailed / this.runs,
    };
  }
}

/**
 * Fails a property whose runs mostly end in errors on both sides (it then compares error codes, not
 * outputs), unless the test says errors are its purpose; reports the share otherwise.
 */
export function judgeStats(stats: EquivalenceStats, errorsExpected: boolean): void {
  if (stats.runs === 0) throw new Error(`${stats.property}: the property ran 0 times, so it compared nothing`);
  const share = `${(stats.bothFailedShare * 100).toFixed(1)}% of ${stats.runs} runs ended in the same error on both sides (${Object.entries(stats.bothFailedByCode).map(([c, n]) => `${c} ${n}`).join(', ')})`;
  if (!errorsExpected && stats.bothFailedShare > MOSTLY_ERRORS_SHARE) {
    throw new Error(`${stats.property}: this arbitrary mostly tests errors: ${share}. Make it produce inputs the operation accepts, or pass { errorsExpected: true } if errors are what it tests.`);
  }
  if (stats.bothFailed > 0) console.info(`[equivalence] ${stats.property}: ${share}`);
}
