// A router's "no such route" (absent operation) told apart from the API's 404 (absent resource).
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src/http/client.js';
import { absentRouteEvidence } from '../../src/suite/absent-operation.js';

function answer(status: number, text: string, contentType = 'application/json'): ApiResponse {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status, headers: { 'content-type': contentType }, text, json, exchange: { request: { method: 'POST', url: 'http://x/sessions/1/extend', headers: {} } } } as unknown as ApiResponse;
}

describe('absent operation vs absent resource', () => {
  it('sees a router: FastAPI, Express, a proxy page, 405, 501', () => {
    expect(absentRouteEvidence(answer(404, '{"detail":"Not Found"}'))).toBe('HTTP 404 {"detail":"Not Found"}');
    expect(absentRouteEvidence(answer(404, '<!DOCTYPE html>\n<html><body>\n<pre>Cannot POST /sessions/1/extend</pre>\n</body></html>', 'text/html'))).toBe('HTTP 404 Cannot POST /sessions/1/extend');
    expect(absentRouteEvidence(answer(404, '<html><head><title>404 Not Found</title></head><body>nginx</body></html>', 'text/html'))).toMatch(/^HTTP 404 /);
    expect(absentRouteEvidence(answer(404, '404 page not found', 'text/plain'))).toBe('HTTP 404 404 page not found');
    expect(absentRouteEvidence(answer(405, ''))).toBe('HTTP 405 (empty body)');
    expect(absentRouteEvidence(answer(501, '{"detail":"Not Implemented"}'))).toMatch(/^HTTP 501 /);
  });

  it("takes the API's own 404 (an error body with a code, or an implemented route's own words) for an absent resource", () => {
    expect(absentRouteEvidence(answer(404, '{"status":404,"code":"NOT_FOUND","message":"Not Found"}'))).toBeUndefined();
    expect(absentRouteEvidence(answer(404, '{"detail":"Session not found"}'))).toBeUndefined();
    expect(absentRouteEvidence(answer(404, ''))).toBeUndefined();
    expect(absentRouteEvidence(answer(400, '{"detail":"Not Found"}'))).toBeUndefined();
    // A dialect with another code field: its code makes the body the API's.
    expect(absentRouteEvidence(answer(404, '{"errorCode":"NOT_FOUND","message":"Not Found"}'), 'errorCode')).toBeUndefined();
  });
});
