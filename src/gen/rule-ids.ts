// Inventory IDs of the schema rules a generated case exercises: the spec constraint it breaks, at
// the node it governs. One form with the rule inventory: array items `*`, the body root `/`,
// parameters `param/<name>` (`schema.<operationId>.<part>.<pointer>.<keyword>`).

/** `schema.<operationId>.<part>.<pointer>.<keyword>`; `part` is `request`, `response.<status>` or `callback`. */
export function schemaRuleId(operationId: string, part: string, pointer: string, keyword: string): string {
  return `schema.${operationId}.${part}.${pointer === '' ? '/' : pointer}.${keyword}`;
}

/** The rule ID of breaking `keyword` at the instance `pointer` of a request body (array indexes become `*`). */
export function requestBodyRuleId(operationId: string, pointer: string, keyword: string): string {
  return schemaRuleId(operationId, 'request', pointer.replace(/\/\d+(?=\/|$)/g, '/*'), keyword);
}

/** The rule ID of a constraint on a request parameter (path, query or header). */
export function requestParamRuleId(operationId: string, name: string, keyword: string): string {
  return schemaRuleId(operationId, 'request', `param/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, keyword);
}
