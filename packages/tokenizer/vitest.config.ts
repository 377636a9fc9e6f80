import { packageProject } from '../../tooling/vitest.project.js';

export default packageProject('tokenizer', { testTimeout: 300_000 });
