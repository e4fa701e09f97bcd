/**
 * Backend names, apart from the code that loads them: config tables and the page import these
 * without pulling TensorFlow.js into the main-thread bundle.
 */
export const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type ConcreteBackend = Exclude<BackendName, 'auto'>;
