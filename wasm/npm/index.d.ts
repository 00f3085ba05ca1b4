// Types of both entries (Node and browser): the generated declarations.
// In Node the module is ready on import and `init()` resolves at once.
export * from './web/pacspace_proof_wasm.js';
export { default } from './web/pacspace_proof_wasm.js';
