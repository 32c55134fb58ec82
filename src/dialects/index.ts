export { DEFAULT_DIALECT, checkDialect, checkServedPair, describeRelaxations, dialectsDir, knownDialects, loadDialect } from './load.js';
export { checkErrorBody, dialectRequestHeaders, dialectSecrets, planErrorCheck, renderDialectError, unsentDialectHeaders, type CamaraError, type ErrorCheckPlan } from './errors.js';
export { dialectViolations, validatorsInDialect } from './conformance.js';
export { ERROR_REASONS, RELAXABLE_CHECKS, type Dialect, type DialectFile, type ErrorReason, type RelaxableCheck } from './types.js';
