// The HTTP front: routing, then the fixed request pipeline of every operation
// (x-correlator → auth → scopes → path params → body → handler), and the response writer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from './auth.js';
import type { ApiResult, ProviderContext } from './context.js';
import { ApiError, invalidArgument, notFound } from './errors.js';
import type { FaultName } from './faults.js';
import { HANDLERS } from './handlers/index.js';
import { BodyTooLargeError, headerValue, readRawBody, sendEmpty, sendJson } from './http-io.js';
import { lookUpEarly } from './fault-order.js';
import { checkBody, checkCorrelator, checkPathParams, parseJsonBody } from './request-validation.js';
import { buildRoutes, matchRoute, type Route } from './router.js';
import { handleTokenRequest, TOKEN_PATH } from './token-endpoint.js';
import { renderError } from './versions/compat.js';

/** The only Authorization header shape the API uses (RFC 6750 bearer credentials). */
const BEARER = /^Bearer +[\x21-\x7e]+ *$/i;

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export function createRequestListener(ctx: ProviderContext): RequestListener {
  const implemented = new Set([...Object.keys(HANDLERS), ...Object.keys(ctx.strategy.handlers ?? {})]);
  // Variant no-profiles-api: the optional QoS Profiles API is simply not there.
  if (ctx.variants.has('no-profiles-api')) for (const op of Object.values(ctx.spec.operations)) if (op.api === 'profiles') implemented.delete(op.operationId);
  // Faults no-extend-route, assignment-no-get-route: an operation missing from the router, as in a real server that never built it.
  for (const op of missingOperations(ctx)) implemented.delete(op);
  const routes: Route[] = buildRoutes(ctx.spec, ctx.strategy, implemented);
  return (req, res) => {
    handle(ctx, routes, req, res).catch(() => {
      // Last resort (a bug of ours): answer if we still can, never crash the server.
      if (!res.headersSent) sendJson(res, 500, { status: 500, code: 'INTERNAL', message: 'Unexpected server error.' }, {});
      else res.destroy();
    });
  };
}

async function handle(ctx: ProviderContext, routes: Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://provider.invalid').pathname;
  const match = matchRoute(routes, req.method ?? 'GET', pathname);
  const operationId = match.kind === 'found' ? match.route.operationId : undefined;
  // Without a route, the header is checked as any operation documents it (older specs have no XCorrelator schema).
  const correlatorOperation = operationId ?? (ctx.spec.schemas['XCorrelator'] ? undefined : anyCorrelatorOperation(ctx));
  const correlator = checkCorrelator(ctx.validators, correlatorOperation, headerValue(req, 'x-correlator'), ctx.faults);
  const echoOff = ctx.faults.has('no-correlator-echo') || (isProvisioning(ctx, operationId) && ctx.faults.has('assignment-no-correlator-echo'));
  const headers: Record<string, string> = correlator.echo !== undefined && !echoOff ? { 'x-correlator': correlator.echo } : {};

  let raw: Buffer;
  try {
    raw = await readRawBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return sendError(ctx, res, headers, invalidArgument('The request body is too large.'));
  }

  if (pathname === TOKEN_PATH) return handleTokenRequest(ctx.auth, req, raw, res);
  // A router without the operation answers as Express does, also where the path has other methods.
  if (match.kind !== 'found' && missingOperations(ctx).length > 0) return sendRouterNotFound(res, req.method ?? 'GET', pathname);
  if (match.kind === 'not-found') {
    if (ctx.faults.has('fastapi-errors')) return sendJson(res, 404, { detail: 'Not Found' }, headers);
    return sendError(ctx, res, headers, notFound(`No resource at ${pathname}.`));
  }
  if (match.kind === 'method-not-allowed') {
    const error = new ApiError(405, 'METHOD_NOT_ALLOWED', 'The requested method is not allowed/supported on the target resource.');
    return sendError(ctx, res, { ...headers, allow: match.allowed.join(', ') }, error);
  }

  try {
    const result = runOperation(ctx, match.route.operationId, match.params, req, raw, correlator.error, new URL(req.url ?? '/', 'http://provider.invalid').searchParams);
    sendResult(ctx, res, headers, result, match.route.operationId);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    sendError(ctx, res, headers, error);
  }
}

function runOperation(
  ctx: ProviderContext,
  operationId: string,
  params: Record<string, string>,
  req: IncomingMessage,
  raw: Buffer,
  correlatorError: ApiError | undefined,
  search?: URLSearchParams,
): ApiResult {
  const operation = ctx.spec.operations[operationId]!;
  const handler = ctx.strategy.handlers?.[operationId] ?? HANDLERS[operationId]!;
  // A malformed header is a malformed request: refused before the token is even looked at.
  if (correlatorError) throw correlatorError;
  const authorization = headerValue(req, 'authorization');
  // Variant malformed-auth-400: a header that is not "Bearer <token>" is a malformed request (400), where the operation documents one.
  if (ctx.variants.has('malformed-auth-400') && authorization !== undefined && !BEARER.test(authorization) && operation.responses['400']) {
    throw invalidArgument('The Authorization header is malformed: expected "Bearer <token>".');
  }
  const validate = (): unknown => {
    try {
      checkPathParams(ctx.validators, operationId, params);
    } catch (error) {
      // Where the version documents no 400 for the operation (0.8.1 get/delete), a malformed id names no resource.
      if (error instanceof ApiError && !operation.responses['400'] && operation.responses['404']) throw notFound();
      throw error;
    }
    if (!operation.requestBody) return undefined;
    const parsed = parseJsonBody(raw, headerValue(req, 'content-type'), ctx.faults);
    handler.precheck?.(ctx, parsed);
    checkBody(ctx.validators, operationId, parsed, ctx.faults);
    return parsed;
  };
  // The check-order faults move validation or the lookup before authentication, or the scopes after both.
  // Each API has its own switches (a provisioning fault must not change a QoD run, nor the reverse).
  const provisioning = operation.api === 'provisioning';
  const validateFirst = ctx.faults.has(provisioning ? 'assignment-validate-before-auth' : 'validate-before-auth');
  const scopesLast = ctx.faults.has('scope-checked-last');
  const early = validateFirst ? validate() : undefined;
  if (ctx.faults.has(provisioning ? 'assignment-lookup-before-auth' : 'lookup-before-auth')) lookUpEarly(ctx, operationId, params);
  const caller = authenticate(ctx, authorization, provisioning);
  const checkScopes = (): void => {
    if (operation.api === 'provisioning' && ctx.faults.has('assignment-missing-scope-accepted')) return;
    if (ctx.strategy.checkScopes) ctx.strategy.checkScopes(ctx, caller, operation);
    else ctx.auth.requireScopes(caller, operation.scopes);
  };
  if (!scopesLast) checkScopes();
  const body = validateFirst ? early : validate();
  if (scopesLast) {
    lookUpEarly(ctx, operationId, params);
    checkScopes();
  }
  const query = search ? Object.fromEntries(search) : undefined;
  return handler.handle(ctx, { operationId, params, caller, body, query });
}

/** The caller of the token; fault assignment-429-code-wrong: QoS Provisioning's 429 carries RATE_LIMITED, in no version's enum. */
function authenticate(ctx: ProviderContext, authorization: string | undefined, provisioning: boolean): Caller {
  try {
    return ctx.auth.authenticate(authorization);
  } catch (error) {
    if (provisioning && error instanceof ApiError && error.status === 429 && ctx.faults.has('assignment-429-code-wrong')) throw new ApiError(429, 'RATE_LIMITED', error.message);
    throw error;
  }
}

function isProvisioning(ctx: ProviderContext, operationId: string | undefined): boolean {
  return operationId !== undefined && ctx.spec.operations[operationId]?.api === 'provisioning';
}

/** An operation that documents x-correlator (else any: an undocumented header has no rule). */
function anyCorrelatorOperation(ctx: ProviderContext): string | undefined {
  const ops = Object.values(ctx.spec.operations);
  return (ops.find((op) => op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'x-correlator')) ?? ops[0])?.operationId;
}

/** Operations the router leaves out (faults): QoD's extend, QoS Provisioning's read by id (either version's name). */
const MISSING_ROUTES: ReadonlyArray<[FaultName, readonly string[]]> = [
  ['no-extend-route', ['extendQosSessionDuration']],
  ['assignment-no-get-route', ['getQosAssignmentById', 'getProvisioningById']],
];

function missingOperations(ctx: ProviderContext): string[] {
  return MISSING_ROUTES.flatMap(([fault, ops]) => (ctx.faults.has(fault) ? ops : []));
}

/** Faults json-content-type-wrong (every JSON answer) and assignment-content-type-wrong (QoS Provisioning's successful answers). */
function contentType(ctx: ProviderContext, operationId?: string): string {
  const wrong = ctx.faults.has('json-content-type-wrong') || (isProvisioning(ctx, operationId) && ctx.faults.has('assignment-content-type-wrong'));
  return wrong ? 'text/plain; charset=utf-8' : 'application/json';
}

function sendResult(ctx: ProviderContext, res: ServerResponse, headers: Record<string, string>, result: ApiResult, operationId: string): void {
  if (result.body === undefined) sendEmpty(res, result.status, headers);
  else sendJson(res, result.status, result.body, headers, contentType(ctx, operationId));
}

/** What an Express app answers for a path or method it has no route for (faults of MISSING_ROUTES). */
function sendRouterNotFound(res: ServerResponse, method: string, pathname: string): void {
  const escaped = pathname.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${method} ${escaped}</pre>\n</body>\n</html>\n`;
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

function sendError(ctx: ProviderContext, res: ServerResponse, headers: Record<string, string>, error: ApiError): void {
  // The version's codes and body shape, in the dialect the provider speaks (errorBody + faults inside).
  const rendered = renderError(ctx, error);
  // Fault fastapi-errors: FastAPI's HTTPException body, {"detail": message}, instead of ErrorInfo.
  const body = ctx.faults.has('fastapi-errors') ? { detail: error.message } : rendered.body;
  sendJson(res, rendered.status, body, headers, contentType(ctx));
}
