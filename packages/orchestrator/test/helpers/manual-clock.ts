// The manual clock ships with the package (`@llms-wasm/orchestrator/testing`); the tests import it from here.
export { manualClock, type ManualClock } from '../../src/testing/manual-clock.js';
