import { packageProject } from '../../tooling/vitest.project.js';

export default packageProject('streaming', { testTimeout: 600_000 });
