// Contract of the spec layer: a loaded, dereferenced OpenAPI description of one QoD version,
// and validators compiled from it. Suites, the reference provider and generators all use this,
// so a rule is right or wrong in one place.
import type { ApiVersion } from '../config/types.js';

/** A JSON Schema object (OpenAPI 3.0 flavour, dereferenced). */
export type JsonSchema = { [key: string]: unknown };

/** Which API a document or operation belongs to. 0.8.1/0.10.1 have one combined document;
 *  'provisioning' is QoS Provisioning (QoD Provisioning up to 0.2.0), bundled with a QoD release. */
export type ApiKind = 'qod' | 'profiles' | 'provisioning';

/** Every ApiKind, in the order documents of a bundle are read. */
export const API_KINDS: readonly ApiKind[] = ['qod', 'profiles', 'provisioning'];

export interface SpecFile {
  path: string;
  sha256: string;
  /** APIs this file describes. */
  apis: ApiKind[];
  /** info.version of the document. */
  version: string;
  /** servers[0].url template, e.g. "{apiRoot}/quality-on-demand/v1". */
  serverUrl: string;
}

export interface ResponseSpec {
  /** content type -> body schema (undefined when the content has no schema) */
  content: Record<string, JsonSchema | undefined>;
  /** header name (lower case) -> {required, schema} */
  headers: Record<string, { required: boolean; schema?: JsonSchema }>;
}

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema?: JsonSchema;
}

export interface OperationSpec {
  operationId: string;
  api: ApiKind;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Path template relative to the API base, e.g. "/sessions/{sessionId}". */
  path: string;
  parameters: ParameterSpec[];
  requestBody?: { required: boolean; content: Record<string, JsonSchema | undefined> };
  /** status ("201", "400", "default") -> response */
  responses: Record<string, ResponseSpec>;
  /** OAuth/OpenID scopes that any listed security requirement asks for. */
  scopes: string[];
  /** Callback request body schema (notifications), when the operation declares one. */
  callbackBody?: { contentType: string; schema: JsonSchema };
  /** Added by the loader: absolute path of the document that declares the operation. */
  file?: string;
  /** Added by the loader: JSON pointer of the operation in that document. */
  pointer?: string;
}

export interface LoadedSpec {
  version: ApiVersion;
  /** true when loaded from the bundled specs/ folder. */
  bundled: boolean;
  files: SpecFile[];
  operations: Record<string, OperationSpec>;
  /** Named component schemas across the documents (dereferenced), e.g. "SessionInfo"; the first
   *  document of the bundle wins a name several declare (QoD before QoS Profiles and Provisioning). */
  schemas: Record<string, JsonSchema>;
  /** Added by the loader: each document's own component schemas (file path -> name -> schema). A
   *  name means what its document says: provisioning's CloudEvent is not QoD's. */
  fileSchemas?: Record<string, Record<string, JsonSchema>>;
  /** Added by the loader: base path per API (from the manifest or the server URL). */
  basePaths?: Partial<Record<ApiKind, string>>;
  /**
   * Added by the loader: each document as parsed, with its $refs kept (file path -> document).
   * The validators use it to point a violation at the component that holds the rule.
   */
  documents?: Record<string, JsonSchema>;
}

/** One broken rule found by a validator. */
export interface Violation {
  operationId: string;
  /** "request" or the response status. */
  where: 'request' | string;
  /** JSON pointer into the body ("" for the root) or "header:x-correlator" / "status" / "content-type". */
  pointer: string;
  /** The schema keyword or rule broken ("required", "enum", "undocumented-status", ...). */
  rule: string;
  message: string;
  /** Location of the rule in the spec, e.g. "#/paths/~1sessions/post/responses/400". */
  specLocation: string;
  /** For "required": the property missing at `pointer` (the rule inventory names the rule at its own pointer). */
  missingProperty?: string;
}

export interface ResponseToCheck {
  status: number;
  /** Content-Type header as received (may include parameters), or undefined. */
  contentType?: string;
  /** Lower-case header map. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none / it was not JSON. */
  body?: unknown;
  /** Raw body text (used to report invalid JSON). */
  bodyText?: string;
  /** x-correlator sent with the request, to check the echo. */
  requestCorrelator?: string;
}

export interface SpecValidators {
  readonly spec: LoadedSpec;
  /** Validate a request body against the operation's request schema. */
  validateRequestBody(operationId: string, body: unknown): Violation[];
  /** Validate a parameter value (path/query/header) against its schema; [] when undocumented. */
  validateParameter(operationId: string, name: string, value: unknown): Violation[];
  /** Status documented, content type, body schema, required headers, x-correlator echo. */
  validateResponse(operationId: string, response: ResponseToCheck): Violation[];
  /** Validate a value against a named component schema (e.g. a CloudEvent body). */
  validateSchema(schemaName: string, value: unknown): Violation[];
  /** Validate a notification (callback) body against the operation's callback schema. */
  validateCallbackBody(operationId: string, body: unknown): Violation[];
}
