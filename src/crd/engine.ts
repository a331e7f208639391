/**
 * The validation of custom resources and CRDs, with the CEL evaluator: loaded on demand (src/crd/index.ts
 * loadCrdEngine), only by runs that have CRDs, so that the many runs without pay nothing for it.
 */
export { validateCustomResource } from './validate.js';
export { checkCrd } from './check.js';
