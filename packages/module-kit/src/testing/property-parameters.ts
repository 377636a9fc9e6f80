/** fast-check run parameters from the environment: `FC_SEED` (reproduce a run) and `FC_NUM_RUNS` (default 1000). */
export function propertyParameters(): { numRuns: number; seed?: number } {
  const numRuns = Number(process.env['FC_NUM_RUNS'] ?? 1000);
  const seed = process.env['FC_SEED'];
  return seed === undefined || seed === '' ? { numRuns } : { numRuns, seed: Number(seed) };
}
