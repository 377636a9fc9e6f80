// `@llms-wasm/orchestrator/testing`: what tests of code built on the orchestrator need.
export { manualClock, type ManualClock } from './testing/manual-clock.js';
