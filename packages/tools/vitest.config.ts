import { packageProject } from '../../tooling/vitest.project.js';

export default packageProject('tools', { testTimeout: 300_000 });
