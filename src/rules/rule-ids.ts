// The one form of a schema rule's inventory ID, used by the generated inventory and by every check
// that names the rule it breaks: array items `*`, the body root `/`, parameters `param/<name>`
// (`schema.<operationId>.<part>.<pointer>.<keyword>`).
import { escapeSegment } from '../spec/json.js';

/** How the inventory writes an array's items in a pointer. */
export const ITEM = '*';

/** `schema.<operationId>.<part>.<pointer>.<keyword>`; `part` is `request`, `response.<status>` or `callback`. */
export function schemaRuleId(operationId: string, part: string, pointer: string, keyword: string): string {
  return `schema.${operationId}.${part}.${pointer === '' ? '/' : pointer}.${keyword}`;
}

/** The rule ID of breaking `keyword` at the instance `pointer` of a request body (array indexes become `*`). */
export function requestBodyRuleId(operationId: string, pointer: string, keyword: string): string {
  return schemaRuleId(operationId, 'request', pointer.replace(/\/\d+(?=\/|$)/g, `/${ITEM}`), keyword);
}

/** The rule ID of a constraint on a request parameter (path, query or header). */
export function requestParamRuleId(operationId: string, name: string, keyword: string): string {
  return schemaRuleId(operationId, 'request', `param/${escapeSegment(name)}`, keyword);
}
