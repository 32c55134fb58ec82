// CAMARA error responses: {status, code, message}. Handlers throw ApiError; the server turns it
// into the body (applying the error-body faults in one place).
import type { ErrorReason } from '../dialects/types.js';
import type { FaultSet } from './faults.js';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The meaning an operator's code table may give its own code (src/dialects). */
    readonly reason?: ErrorReason,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  status?: number;
  code: string;
  message: string;
}

export function errorBody(error: ApiError, faults: FaultSet): ErrorBody {
  const code = faults.has('error-code-lowercase') ? error.code.toLowerCase() : error.code;
  if (faults.has('error-body-missing-status')) return { code, message: error.message };
  return { status: error.status, code, message: error.message };
}

// The errors used by more than one module, with the wording of the spec's examples.
export const invalidArgument = (message = 'Client specified an invalid argument, request body or query param.', reason?: ErrorReason) => new ApiError(400, 'INVALID_ARGUMENT', message, reason);
export const outOfRange = (message = 'Client specified an invalid range.') => new ApiError(400, 'OUT_OF_RANGE', message);
export const unauthenticated = (code = 'UNAUTHENTICATED', reason?: ErrorReason) =>
  new ApiError(401, code, 'Request not authenticated due to missing, invalid, or expired credentials. A new authentication is required.', reason);
export const permissionDenied = (message = 'Client does not have sufficient permissions to perform this action.') => new ApiError(403, 'PERMISSION_DENIED', message);
export const notFound = (message = 'The specified resource is not found.') => new ApiError(404, 'NOT_FOUND', message);
