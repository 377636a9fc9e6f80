// The `llms-wasm` binary (bin/llms-wasm.js imports this build entry).
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2));
