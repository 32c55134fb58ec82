// The version strategy type lives with the context it refers to (../context.ts); versions import it here.
export type { VersionStrategy } from '../context.js';
