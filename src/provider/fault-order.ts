// The check-order faults: the CAMARA API Design Guide puts authentication and authorisation before
// any validation or resource lookup; these let a provider look at the resource first, as some do.
import type { ProviderContext } from './context.js';
import { notFound } from './errors.js';

/** Faults lookup-before-auth, scope-checked-last, assignment-lookup-before-auth: a well-formed session or assignment id or profile name nobody has is 404 before the token (or its scopes) is checked. */
export function lookUpEarly(ctx: ProviderContext, operationId: string, params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) {
    if (ctx.validators.validateParameter(operationId, name, value).length > 0) continue; // malformed: not a lookup
    const known = name === 'name' ? ctx.profiles.find(value) !== undefined : (ctx.sessions.get(value) ?? ctx.assignments.get(value)) !== undefined;
    if (!known) throw notFound('The specified resource is not found.');
  }
}
