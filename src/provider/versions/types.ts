// What differs between QoD versions, as data plus the few hooks where behaviour really differs.
// 1.1.0 is the reference implementation (handlers/); every other version is one module here that
// names its base paths and event type and, where needed, replaces or wraps handlers.
import type { ApiVersion } from '../../config/types.js';
import type { OperationSpec } from '../../spec/types.js';
import type { Caller } from '../auth.js';
import type { OperationHandler, ProviderContext } from '../context.js';
import type { Notifier, NotifierOptions } from '../notifier.js';

export interface VersionStrategy {
  apiVersion: ApiVersion;
  /** Path of the QoD API below the origin. */
  qodBasePath: string;
  /** Path of the QoS Profiles API below the origin. */
  profilesBasePath: string;
  /** CloudEvent `type` of the status-change notification. */
  eventType: string;
  /** sinkCredential types the provider can use; the others give `unusableCredentialCode`. */
  usableCredentialTypes: readonly string[];
  unusableCredentialCode: string;
  /** Handlers replacing (or adding to) the 1.1.0 ones, by operationId. */
  handlers?: Readonly<Record<string, OperationHandler>>;
  /** Scope check of the version (default: every scope the operation's security lists). */
  checkScopes?(ctx: ProviderContext, caller: Caller, operation: OperationSpec): void;
  /** Builds the notifier (default: CloudEvents posted to the sink). */
  createNotifier?(options: NotifierOptions): Notifier;
}
