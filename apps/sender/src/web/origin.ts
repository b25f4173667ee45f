/**
 * Same-origin check for form posts. With SENDER_PUBLIC_URL set, the `Origin` a
 * browser sends must be exactly that origin (a proxy may rewrite `Host`); without
 * it, the origin's host must be the request's `Host`. `Origin: null` is what a
 * browser sends for our own forms under `Referrer-Policy: no-referrer`, so it is
 * accepted here and the CSRF token decides.
 */
export function originProblem(
  origin: string | undefined,
  host: string | undefined,
  publicOrigin: string | undefined,
): string | undefined {
  if (origin === undefined || origin === 'null') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return 'Origin: the header is not a valid origin (expected scheme://host[:port]).';
  }
  if (
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
    parsed.origin !== origin.replace(/\/$/, '')
  )
    return 'Origin: the header is not a valid origin (expected scheme://host[:port]).';
  if (publicOrigin !== undefined) {
    return parsed.origin === publicOrigin
      ? undefined
      : `Origin: cross-site form posts are not accepted (this service is ${publicOrigin}).`;
  }
  return host !== undefined && parsed.host === host.toLowerCase()
    ? undefined
    : 'Origin: cross-site form posts are not accepted.';
}
