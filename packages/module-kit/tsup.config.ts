import { packageBuild } from '../../tooling/tsup.shared.js';

export default packageBuild({ index: 'src/index.ts', testing: 'src/testing/index.ts', corpus: 'src/corpus.ts' });
