import { packageBuild } from '../../tooling/tsup.shared.js';

export default packageBuild({ index: 'src/index.ts', 'shadow-worker': 'src/shadow/worker.ts', 'store-writer': 'src/store/writer-worker.ts', cli: 'src/cli/main.ts' });
