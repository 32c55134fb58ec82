// The inventory rules each official scenario checks: a test that implements a scenario (meta
// scenarioId) covers these rules, with no `covers` of its own. Keyed by the scenario's name after
// "<api>_<operationId>_" (numbering differs between releases: 400.1 and 400.01), `{op}` standing
// for the scenario's operation.
const BY_SUFFIX: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^01_generic_success_scenario$|^01_get_existing_session$|^01_delete_existing_qod_session$|^01_get_existing_session_by_device$/, ['headers.x-correlator-echo', 'headers.content-type-json']],
  [/^4\d\d\.\d+_/, ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status']],
  [/^400\.\d+_invalid_session_id$/, ['schema.{op}.request.param/sessionId.format', 'lookup.malformed-session-id.{op}']],
  [/^400\.\d+_invalid_x-correlator$/, ['schema.{op}.request.param/x-correlator.pattern']],
  [/^400\.\d+_no_request_body$/, ['schema.{op}.request./.required']],
  [/^400\.0?1_name_does_not_match_regex$/, ['schema.{op}.request.param/name.pattern']],
  [/^400\.0?2_invalid_name_length$/, ['schema.{op}.request.param/name.minLength', 'schema.{op}.request.param/name.maxLength']],
  [/^400\.8_non_existent_qos_profile$/, ['match.unknown-profile.{op}']],
  [/^400\.6_unsupported_sink_credential_type$/, ['notify.sink-credential-accesstoken-only']],
  [/^401\.0?1_no_authorization_header$/, ['auth.no-credentials-401']],
  [/^401\.0?2_expired_access_token$/, ['auth.expired-token-401']],
  [/^401\.0?3_invalid_access_token$/, ['auth.invalid-token-401']],
  [/^403\.0?1_missing_access_token_scope$/, ['auth.missing-scope-403']],
  [/^403\.2_session_token_mismatch$/, ['auth.other-client-session']],
  [/^404\.0?1_not_found$/, ['lookup.unknown-session-404.{op}', 'match.unknown-profile-404.{op}']],
  [/^409\.1_session_conflict$/, ['lifecycle.one-session-per-device']],
  [/^409\.1_session_not_available$/, ['lifecycle.extend-only-available']],
  [/^02_exceed_max_duration$/, ['lifecycle.extend-capped-at-max-duration']],
  [/^422\.1_session_qos_profile_not_applicable$/, ['lifecycle.profile-not-applicable-422.{op}']],
  [/^02_2_event_received$/, ['notify.available-event.{op}', 'notify.cloudevent-attributes']],
  [/^02_1_sinkcredential_provided$/, ['notify.sink-credential-bearer']],
  [/^02_event_notification$/, ['notify.deleted-event.{op}']],
  [/^02_get_recent_unavailable$/, ['lifecycle.network-terminated-kept-360s']],
  [/^C01\.03_device_not_found$/, ['device.unknown-404']],
  [/^C01\.04_unnecessary_device$/, ['device.unnecessary-identifier-422']],
  [/^C01\.05_missing_device$|^03_3_legged_missing_device$/, ['device.missing-identifier-422']],
  [/^C01\.06_unsupported_device$/, ['device.unsupported-identifier-422']],
  [/^C01\.07_device_not_supported$/, ['device.service-not-applicable-422']],
  [/^02_sessions_not_found$/, ['sessions.retrieve-empty-list']],
  [/^02_filter_by_name_only$/, ['profiles.filter-by-name']],
  [/^03_filter_by_status_only$/, ['profiles.filter-by-status']],
  [/^0[45]_(not_)?return_restricted_profiles$/, ['profiles.device-filter-available-only']],
];

const SCENARIO = /^(?:quality_on_demand|qos_profiles)_([A-Za-z]+)_(.+)$/;

/** Inventory rule IDs the official scenario checks (some may not exist in a version's inventory). */
export function rulesOfScenario(scenarioId: string): string[] {
  const m = SCENARIO.exec(scenarioId);
  if (!m) return [];
  const [, op, suffix] = m as unknown as [string, string, string];
  if (op === 'retrieveSessionsByDevice' && suffix.startsWith('01_')) return [...expand(suffix, op), 'sessions.retrieve-lists-device-sessions'];
  return expand(suffix, op);
}

function expand(suffix: string, op: string): string[] {
  return BY_SUFFIX.filter(([re]) => re.test(suffix)).flatMap(([, ids]) => ids.map((id) => id.replace('{op}', op)));
}

/** Every rule ID the table can name, for the project test (templates expanded for `ops`). */
export function scenarioRuleTemplates(): string[] {
  return BY_SUFFIX.flatMap(([, ids]) => ids);
}
