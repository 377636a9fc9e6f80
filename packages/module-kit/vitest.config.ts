import { packageProject } from '../../tooling/vitest.project.js';

export default packageProject('module-kit');
