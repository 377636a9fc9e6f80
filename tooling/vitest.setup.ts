// Runs before every test file: property runs are reproducible and sized from the environment.
// FC_SEED reproduces a run (scripts/run.mjs generates and prints one in CI); FC_NUM_RUNS sizes every property.
import { fc } from '@fast-check/vitest';

const numRuns = Number(process.env['FC_NUM_RUNS'] ?? 1000);
const seed = process.env['FC_SEED'];
fc.configureGlobal(seed ? { numRuns, seed: Number(seed) } : { numRuns });
