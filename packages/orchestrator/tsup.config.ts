import { packageBuild } from '../../tooling/tsup.shared.js';

export default packageBuild({ index: 'src/index.ts', testing: 'src/testing.ts', 'shadow-worker': 'src/shadow/worker.ts', 'store-writer': 'src/store/writer-worker.ts' });
