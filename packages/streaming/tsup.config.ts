import { packageBuild } from '../../tooling/tsup.shared.js';

// `errors` is read by scripts/build-wasm.mjs to generate the WASM side's error constants.
export default packageBuild({ index: 'src/index.ts', errors: 'src/errors.ts' });
