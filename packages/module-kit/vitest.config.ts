import { packageProject } from '../../tooling/vitest.project.js';

// The AssemblyScript test harness is compiled once, before any worker starts.
export default packageProject('module-kit', { globalSetup: ['test/assembly/compile.ts'] });
