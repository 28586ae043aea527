/**
 * The Content-Security-Policy of the web pages, shared by CloudFront (response headers policy) and
 * the local gateway (local/web-app.ts), so the browser test runs under the policy production sends.
 *
 * What the pages need: their own hashed scripts and styles, nothing inline (preact and ECharts set
 * styles through the CSSOM, which style-src does not govern; the browser journey fails on any CSP
 * violation, and passes with this policy); ECharts draws on canvas and may
 * export `data:`/`blob:` images; fetches go to /config.json, the API and the Cognito hosted UI's token
 * endpoint (`*.amazoncognito.com`); sign-in is a top-level navigation to the hosted UI, which CSP
 * does not govern. Nothing may frame the pages (clickjacking on the staff console). Evidence files
 * are posted to and read from the evidence bucket's origin (`evidenceOrigin`): fetches and image previews.
 */
export const contentSecurityPolicy = (
  connectSources: readonly string[] = [],
  evidenceOrigin?: string,
): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${["'self'", 'data:', 'blob:', ...(evidenceOrigin ? [evidenceOrigin] : [])].join(' ')}`,
    "font-src 'self'",
    `connect-src ${["'self'", 'https://*.amazoncognito.com', ...connectSources, ...(evidenceOrigin ? [evidenceOrigin] : [])].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
