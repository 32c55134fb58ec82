// Response conformance in a dialect: where a dialect relaxes `error-body-schema`, an error answer's
// body is checked against the operator's documented error schema instead of the spec's ErrorInfo.
// Every other part of the response (status documented, content type, headers, x-correlator echo,
// success bodies) is still checked against the spec.
import { Ajv, type ValidateFunction } from 'ajv';
import type { SpecValidators, Violation } from '../spec/types.js';
import type { Dialect } from './types.js';

/** Violations about the response as a whole, not about its body's schema: never relaxed. */
const NOT_BODY_SCHEMA = new Set(['undocumented-status', 'missing-body', 'unexpected-body', 'invalid-json', 'content-type', 'required-header', 'x-correlator-echo']);

const compiled = new Map<string, ValidateFunction>();

function validatorFor(d: Dialect): ValidateFunction | undefined {
  if (!d.errorBody.schema) return undefined;
  let v = compiled.get(d.file);
  if (!v) {
    v = new Ajv({ strict: false, allErrors: true, logger: false }).compile(d.errorBody.schema);
    compiled.set(d.file, v);
  }
  return v;
}

function isBodySchemaViolation(v: Violation): boolean {
  return !NOT_BODY_SCHEMA.has(v.rule) && !v.pointer.startsWith('header:') && v.pointer !== 'status' && v.pointer !== 'content-type';
}

/** The violations that stand in dialect `d`, plus the dialect's own error-body violations. */
export function dialectViolations(d: Dialect, operationId: string, status: number, body: unknown, violations: Violation[]): Violation[] {
  if (status < 400 || !d.relaxed('error-body-schema')) return violations;
  const kept = violations.filter((v) => !isBodySchemaViolation(v));
  const validate = validatorFor(d);
  if (!validate || body === undefined || validate(body)) return kept;
  const own: Violation[] = (validate.errors ?? []).map((e) => ({
    operationId,
    where: String(status),
    pointer: e.instancePath,
    rule: e.keyword,
    message: e.message ?? e.keyword,
    specLocation: `${d.file}#/errorBody/schema${e.schemaPath.replace(/^#/, '')}`,
  }));
  return [...kept, ...own];
}

const wrapped = new WeakMap<SpecValidators, Map<string, SpecValidators>>();

/** The spec validators as seen in dialect `d`: validateResponse applies the dialect's relaxations. */
export function validatorsInDialect(v: SpecValidators, d: Dialect): SpecValidators {
  if (!d.relaxed('error-body-schema')) return v;
  let byDialect = wrapped.get(v);
  if (!byDialect) wrapped.set(v, (byDialect = new Map()));
  let out = byDialect.get(d.file);
  if (!out) {
    out = { ...v, validateResponse: (operationId, r) => dialectViolations(d, operationId, r.status, r.body, v.validateResponse(operationId, r)) };
    byDialect.set(d.file, out);
  }
  return out;
}
