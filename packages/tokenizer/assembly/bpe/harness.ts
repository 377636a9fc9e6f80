// Test entry (dist/bpe-harness.wasm): the module-kit ABI's alloc/free plus the BPE core's API.
export { alloc, free } from '@llms-wasm/module-kit/assembly/abi';
export * from "./index";
