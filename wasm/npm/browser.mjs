// Browser and bundler entry: call `await init()` once before the other
// functions; it fetches web/pacspace_proof_wasm_bg.wasm beside this file
// (bundlers such as Vite rewrite that URL and emit the file), or pass
// `init({ module_or_path })` your own URL, Response, bytes or Module.
export * from './web/pacspace_proof_wasm.js';
export { default } from './web/pacspace_proof_wasm.js';
