// Routes come from the loaded spec (method + path template per operation), mounted under the
// version's base paths; the provider only supplies a handler per operationId.
import type { LoadedSpec } from '../spec/types.js';
import type { VersionStrategy } from './versions/index.js';

export interface Route {
  operationId: string;
  method: string;
  pattern: RegExp;
  paramNames: string[];
}

export type RouteMatch = { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'method-not-allowed'; allowed: string[] } | { kind: 'not-found' };

export function buildRoutes(spec: LoadedSpec, strategy: VersionStrategy, implemented: ReadonlySet<string>): Route[] {
  const routes: Route[] = [];
  for (const op of Object.values(spec.operations)) {
    if (!implemented.has(op.operationId)) continue;
    const base = op.api === 'profiles' ? strategy.profilesBasePath : op.api === 'provisioning' ? strategy.provisioningBasePath : strategy.qodBasePath;
    if (base === undefined) continue; // a provisioning document in a bundle whose provider has no provisioning
    const paramNames: string[] = [];
    const source = (base + op.path)
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const param = /^\{([^}]+)\}$/.exec(part);
        if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        paramNames.push(param[1]!);
        return '([^/]+)';
      })
      .join('');
    routes.push({ operationId: op.operationId, method: op.method.toUpperCase(), pattern: new RegExp(`^${source}$`), paramNames });
  }
  return routes;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, i) => (params[name] = decodeSegment(m[i + 1]!)));
    return { kind: 'found', route, params };
  }
  return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
}

/** A segment that is not valid percent-encoding stays raw; parameter validation then rejects it. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
