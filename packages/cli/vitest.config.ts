import { packageProject } from '../../tooling/vitest.project.js';

export default packageProject('cli', { testTimeout: 120_000 });
