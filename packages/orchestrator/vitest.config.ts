import { packageProject } from '../../tooling/vitest.project.js';

export default packageProject('orchestrator', { testTimeout: 120_000 });
