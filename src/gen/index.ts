// Generators from the spec: fast-check arbitraries for request bodies and mutations that break
// one constraint each. Generic over any (dereferenced) JSON Schema; nothing here knows QoD fields.
export { schemaArbitrary, pin, type OptionalMode, type Pin, type SchemaArbitraryOptions } from './schema-arbitrary.js';
export { integerArbitrary, numberArbitrary } from './number-arbitrary.js';
export { stringArbitrary, patternRegExp, generationPattern, schemaLength } from './string-arbitrary.js';
export { formatArbitrary, integerFormatBounds, ipv6Text } from './format-arbitrary.js';
export { mergeAllOf, patternsOf, typesOf, alternative, discriminatorOf, resolveDiscriminator, subschemaAt } from './merge.js';
export { mutations, mutationKeywords, isCollateral, MUTATION_KEYWORDS, RANGE_KEYWORDS, type Mutation, type MutationOptions } from './violations.js';
export { getAt, setAt, removeAt, childPointer, isWithin, splitPointer } from './pointer.js';
export { schemaRuleId, requestBodyRuleId, requestParamRuleId } from '../rules/rule-ids.js';
export { edges, EDGE_KEYWORDS, type Edge } from './edges.js';
