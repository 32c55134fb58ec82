// What the suites and the reference provider must know about each QoS Provisioning version beyond
// its schemas: prose rules of the spec, as data (facts from ../shared/camara/PROVISIONING.md).
// Schema constraints are NOT repeated here: they come from the loaded OpenAPI documents. Each
// provisioning version ships in one QoD release bundle (specs/manifest.json), so the rules are
// also found by the QoD version of that bundle.
import type { ApiVersion } from '../config/types.js';
import { PROVISIONING_VERSIONS, provisioningVersionOf, type ProvisioningVersion } from '../spec/apis.js';

export { PROVISIONING_VERSIONS, type ProvisioningVersion };

/** The four operations of a version, by role. */
export interface ProvisioningOperations {
  create: string;
  getById: string;
  revoke: string;
  getByDevice: string;
}

export interface ProvisioningRules {
  version: ProvisioningVersion;
  /** CAMARA release (tag) the version shipped in. */
  release: 'r2.2' | 'r3.2' | 'r4.1';
  /** info.title of the official document. */
  title: string;
  operations: ProvisioningOperations;
  /** The callback operation (notifications) declared on create. */
  callbackOperation: string;
  /** Path of the collection (create) and of get-by-device, relative to the base. */
  collectionPath: string;
  byDevicePath: string;
  /** Field of the record id in the body, in the path template and in the event data. */
  idField: 'provisioningId' | 'assignmentId';
  /** Schema names of the create body and of the record. */
  createSchema: string;
  recordSchema: string;
  /** Scope per operation role. */
  scopes: ProvisioningOperations;
  /** CloudEvent `type` of the status-changed event. */
  eventType: string;
  /**
   * EventStatusChanged.data.required lists `qosStatus`, which is not a declared property (0.2.0, 0.3.0;
   * conflicts C1): a literal validator rejects an event that carries only `status`.
   */
  eventRequiresUndeclaredQosStatus: boolean;
  /** 401 codes of the version's enum. */
  unauthenticatedCodes: readonly string[];
  /** credentialType values of the SinkCredential enum. */
  credentialTypesInEnum: readonly string[];
  /** The types a consumer may use ("only ACCESSTOKEN" up to 0.3.0; ACCESSTOKEN or PRIVATE_KEY_JWT in 0.4.0-rc.1). */
  usableCredentialTypes: readonly string[];
  /** Answer to a type that is in the enum but must not be used (0.2.0, 0.3.0: the 400 INVALID_CREDENTIAL example). */
  unusableCredential?: { status: number; code: string };
  /** PRIVATE_KEY_JWT without a pre-agreed key set (0.4.0-rc.1). */
  privateKeyJwtNotConfigured?: { status: number; code: string };
  /** Create 400 codes of the enum. */
  create400Codes: readonly string[];
  /** Create 422 codes of the enum. */
  create422Codes: readonly string[];
  /** 400 INVALID_SINK exists (0.3.0+: "sink not valid for the specified protocol"). */
  hasInvalidSink: boolean;
  /** The sink schema demands https (pattern from 0.3.0). */
  sinkMustBeHttps: boolean;
  /**
   * An existing profile that cannot be used for an assignment (INACTIVE, DEPRECATED, incompatible):
   * 422 QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE from 0.3.0. 0.2.0 has no code for the case.
   */
  profileNotApplicable: { status: number; codes: readonly string[] };
  /** A profile name that does not exist: no code in any version; the tests (400.9) expect 400 INVALID_ARGUMENT. */
  unknownProfile: { status: number; code: string };
  /** 0.2.0: several identifiers must name one device (422 IDENTIFIER_MISMATCH). */
  identifiersCrossChecked: boolean;
  /** 0.3.0+: the response device is DeviceResponse, exactly the one identifier used; 0.2.0 echoes what was sent. */
  echoesSingleIdentifier: boolean;
  /** 0.4.0-rc.1 prose: a body property the spec does not declare, at any depth, is 400 INVALID_ARGUMENT. */
  strictUnknownProperties: boolean;
  /** Lowest valid device.ipv4Address.publicPort (0 up to 0.3.0, 1 in 0.4.0-rc.1). */
  portMin: number;
  /** x-correlator pattern of the version. */
  correlatorPattern: string;
  /** Revoke answers: 204 (done) or 202 (accepted; body status AVAILABLE + statusInfo DELETE_REQUESTED). */
  revokeAnswers: readonly [204, 202];
  /** Seconds a record whose status became UNAVAILABLE is kept at least (then deleted automatically). */
  retentionS: number;
  /** statusInfo values. */
  statusInfoValues: readonly string[];
  /** At most one record per device: create for a device that has one is 409 CONFLICT (also while it is UNAVAILABLE). */
  conflictCode: 'CONFLICT';
  /** Get-by-device for a device without a record: 404 NOT_FOUND (one object, not a list). */
  byDeviceNoneCode: 'NOT_FOUND';
  /** Official test definitions of the version (scenario IDs in src/scenarios/provisioning-catalogue.ts). */
  scenarioRelease: 'r2.2' | 'r3.2' | 'r4.1';
}

const ASSIGNMENT_OPERATIONS: ProvisioningOperations = {
  create: 'createQosAssignment',
  getById: 'getQosAssignmentById',
  revoke: 'revokeQosAssignment',
  getByDevice: 'getQosAssignmentByDevice',
};

const ASSIGNMENT_SCOPES: ProvisioningOperations = {
  create: 'qos-provisioning:qos-assignments:create',
  getById: 'qos-provisioning:qos-assignments:read',
  revoke: 'qos-provisioning:qos-assignments:delete',
  getByDevice: 'qos-provisioning:qos-assignments:read-by-device',
};

const common = {
  revokeAnswers: [204, 202] as const,
  retentionS: 360,
  statusInfoValues: ['NETWORK_TERMINATED', 'DELETE_REQUESTED'],
  conflictCode: 'CONFLICT' as const,
  byDeviceNoneCode: 'NOT_FOUND' as const,
  unknownProfile: { status: 400, code: 'INVALID_ARGUMENT' },
};

const v0_3_0: ProvisioningRules = {
  ...common,
  version: '0.3.0',
  release: 'r3.2',
  title: 'QoS Provisioning',
  operations: ASSIGNMENT_OPERATIONS,
  callbackOperation: 'postQosAssignmentNotification',
  collectionPath: '/qos-assignments',
  byDevicePath: '/retrieve-qos-assignment',
  idField: 'assignmentId',
  createSchema: 'CreateAssignment',
  recordSchema: 'AssignmentInfo',
  scopes: ASSIGNMENT_SCOPES,
  eventType: 'org.camaraproject.qos-provisioning.v0.status-changed',
  eventRequiresUndeclaredQosStatus: true,
  unauthenticatedCodes: ['UNAUTHENTICATED'],
  credentialTypesInEnum: ['PLAIN', 'ACCESSTOKEN', 'REFRESHTOKEN'],
  usableCredentialTypes: ['ACCESSTOKEN'],
  unusableCredential: { status: 400, code: 'INVALID_CREDENTIAL' },
  create400Codes: ['INVALID_ARGUMENT', 'OUT_OF_RANGE', 'INVALID_CREDENTIAL', 'INVALID_TOKEN', 'INVALID_SINK'],
  create422Codes: ['SERVICE_NOT_APPLICABLE', 'MISSING_IDENTIFIER', 'UNSUPPORTED_IDENTIFIER', 'UNNECESSARY_IDENTIFIER', 'QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE'],
  hasInvalidSink: true,
  sinkMustBeHttps: true,
  profileNotApplicable: { status: 422, codes: ['QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE'] },
  identifiersCrossChecked: false,
  echoesSingleIdentifier: true,
  strictUnknownProperties: false,
  portMin: 0,
  correlatorPattern: '^[a-zA-Z0-9-_:;.\\/<>{}]{0,256}$',
  scenarioRelease: 'r3.2',
};

const RULES: Record<ProvisioningVersion, ProvisioningRules> = {
  '0.2.0': {
    ...common,
    version: '0.2.0',
    release: 'r2.2',
    title: 'QoD Provisioning API',
    operations: { create: 'triggerProvisioning', getById: 'getProvisioningById', revoke: 'revokeProvisioning', getByDevice: 'retrieveProvisioningByDevice' },
    callbackOperation: 'postProvisioningNotification',
    collectionPath: '/device-qos',
    byDevicePath: '/retrieve-device-qos',
    idField: 'provisioningId',
    createSchema: 'TriggerProvisioning',
    recordSchema: 'ProvisioningInfo',
    scopes: {
      create: 'qod-provisioning:device-qos:create',
      getById: 'qod-provisioning:device-qos:read',
      revoke: 'qod-provisioning:device-qos:delete',
      getByDevice: 'qod-provisioning:device-qos:read-by-device',
    },
    eventType: 'org.camaraproject.qod-provisioning.v0.status-changed',
    eventRequiresUndeclaredQosStatus: true,
    unauthenticatedCodes: ['UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED'],
    credentialTypesInEnum: ['PLAIN', 'ACCESSTOKEN', 'REFRESHTOKEN'],
    usableCredentialTypes: ['ACCESSTOKEN'],
    unusableCredential: { status: 400, code: 'INVALID_CREDENTIAL' },
    create400Codes: ['INVALID_ARGUMENT', 'OUT_OF_RANGE', 'INVALID_CREDENTIAL', 'INVALID_TOKEN'],
    create422Codes: ['IDENTIFIER_MISMATCH', 'SERVICE_NOT_APPLICABLE', 'MISSING_IDENTIFIER', 'UNSUPPORTED_IDENTIFIER', 'UNNECESSARY_IDENTIFIER'],
    hasInvalidSink: false,
    sinkMustBeHttps: false,
    // No code for the case in 0.2.0 (PROVISIONING.md "Relationship to QoS Profiles"): the generic
    // 400 of its create enum, as QoD 1.0.0 before QOS_PROFILE_NOT_APPLICABLE existed (versions/rules.ts).
    profileNotApplicable: { status: 400, codes: ['INVALID_ARGUMENT'] },
    identifiersCrossChecked: true,
    echoesSingleIdentifier: false,
    correlatorPattern: '^[a-zA-Z0-9-]{0,55}$',
    scenarioRelease: 'r2.2',
    strictUnknownProperties: false,
    portMin: 0,
  },
  '0.3.0': v0_3_0,
  '0.4.0-rc.1': {
    ...v0_3_0,
    version: '0.4.0-rc.1',
    release: 'r4.1',
    eventRequiresUndeclaredQosStatus: false,
    credentialTypesInEnum: ['ACCESSTOKEN', 'PRIVATE_KEY_JWT'],
    usableCredentialTypes: ['ACCESSTOKEN', 'PRIVATE_KEY_JWT'],
    unusableCredential: undefined,
    privateKeyJwtNotConfigured: { status: 422, code: 'PRIVATE_KEY_JWT_NOT_CONFIGURED' },
    create422Codes: [...v0_3_0.create422Codes, 'PRIVATE_KEY_JWT_NOT_CONFIGURED'],
    strictUnknownProperties: true,
    portMin: 1,
    scenarioRelease: 'r4.1',
  },
};

export function provisioningRulesFor(version: ProvisioningVersion): ProvisioningRules {
  return RULES[version];
}

/** The provisioning version in the bundle of a QoD release, if that bundle has one. */
/** The rules of the QoS Provisioning version in a bundle (specs/manifest.json), if it has one. */
export function provisioningRulesForBundle(bundle: ApiVersion): ProvisioningRules | undefined {
  const version = provisioningVersionOf(bundle);
  return version === undefined ? undefined : RULES[version];
}

/** The operationIds of every provisioning version. */
export const PROVISIONING_OPERATION_IDS: ReadonlySet<string> = new Set(PROVISIONING_VERSIONS.flatMap((v) => Object.values(RULES[v].operations)));

/** A citation for a rule of this version, used in failure messages. */
export function citeProvisioning(version: ProvisioningVersion, where: string): string {
  return `QoS Provisioning ${version} (${RULES[version].release}) ${where}`;
}
