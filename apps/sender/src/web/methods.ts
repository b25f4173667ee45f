/**
 * The methods each route answers. A route asked with another method gets 405 and
 * an `Allow` header (HEAD goes wherever GET does), rather than a misleading 404.
 */
const ROUTES: [RegExp, readonly string[]][] = [
  [/^\/$/, ['GET']],
  [/^\/favicon\.ico$/, ['GET']],
  [/^\/healthz$/, ['GET']],
  [/^\/readyz$/, ['GET']],
  [/^\/login$/, ['GET', 'POST']],
  [/^\/logout$/, ['POST']],
  [/^\/compose$/, ['GET']],
  [/^\/preview$/, ['POST']],
  [/^\/confirm$/, ['POST']],
  [/^\/send$/, ['POST']],
  [/^\/history$/, ['GET']],
  [/^\/sends\/[^/]+$/, ['GET']],
  [/^\/email\/[^/]+\/[^/]+$/, ['GET']],
  [/^\/batches$/, ['GET']],
  [/^\/batches\/(plan|map|run)$/, ['POST']],
  [/^\/batches\/[^/]+$/, ['GET']],
  [/^\/team$/, ['GET']],
  [/^\/team\/users$/, ['POST']],
  [/^\/team\/users\/[^/]+\/(reset|disable)$/, ['GET', 'POST']],
  [/^\/team\/users\/[^/]+\/enable$/, ['POST']],
  [/^\/account$/, ['GET']],
  [/^\/account\/password$/, ['GET', 'POST']],
  [/^\/auth\/oidc\/(start|callback)$/, ['GET']],
  [/^\/history\.csv$/, ['GET']],
  [/^\/invitation\/[^/]+$/, ['GET', 'POST']],
  [/^\/assets\/copy\.js$/, ['GET']],
];

/** `Allow` value when `method` is not served on a known `path`; undefined when it is (or the path is unknown). */
export function methodNotAllowed(path: string, method: string): string | undefined {
  const route = ROUTES.find(([pattern]) => pattern.test(path));
  if (!route) return undefined;
  const allowed = route[1].includes('GET') ? [...route[1], 'HEAD'] : [...route[1]];
  return allowed.includes(method.toUpperCase()) ? undefined : allowed.join(', ');
}
