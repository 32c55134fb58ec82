// What differs between QoD versions, as data. The provider implements 1.1.0 only; adding a version
// means adding one module like v1.1.0.ts (and handlers only where behaviour really differs).
import type { ApiVersion } from '../../config/types.js';

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
}
