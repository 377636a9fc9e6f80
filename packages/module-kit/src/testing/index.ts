// @llms-wasm/module-kit/testing: the one TS-vs-WASM check every module's properties use.
export { assertEquivalent, equivalent, type EquivalenceCheck, type EquivalenceOptions } from './equivalence.js';
export { assertStreamEquivalent, streamEquivalent, type StreamCase } from './stream-equivalence.js';
export { MOSTLY_ERRORS_SHARE, type EquivalenceStats } from './equivalence-stats.js';
export { chunkings, splitAt, trickyCuts } from './chunking.js';
export { propertyParameters } from './property-parameters.js';
export { rulesetView } from './default-ruleset.js';
export { replayCorpus, type CorpusReplayReport } from './corpus-replay.js';
