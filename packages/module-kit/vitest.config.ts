import { packageProject } from '../../tooling/vitest.project.js';

// The AssemblyScript test harness is compiled once, before any worker starts; --expose-gc lets the
// stream tests show that an abandoned session is released once it is collected.
export default packageProject('module-kit', { globalSetup: ['test/assembly/compile.ts'], execArgv: ['--expose-gc'] });
