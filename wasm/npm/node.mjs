// Node entry: the WebAssembly module is read from this package's files and
// instantiated synchronously on import, so every function is ready at once;
// `await init()` resolves immediately (the same code runs in browsers).
import { readFileSync } from 'node:fs';
import init, { initSync } from './web/pacspace_proof_wasm.js';

initSync({ module: readFileSync(new URL('./web/pacspace_proof_wasm_bg.wasm', import.meta.url)) });

export * from './web/pacspace_proof_wasm.js';
export default init;
