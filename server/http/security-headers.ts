import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Content-Security-Policy and the usual hardening headers, on every answer. The POS, the console,
 * their service worker and the API docs load only files of our own origin; no inline script.
 * No upgrade-insecure-requests: a shop may run on plain http inside its LAN, where that would
 * break every request.
 */
const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Inline styles stay allowed: the receipt sets its paper width with a <style>@page rule (no CSS
  // file can take the width as a variable) and libraries set style attributes. Scripts stay strict,
  // which is what stops injected code; helmet's own default makes the same trade.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // Browsers honour it only over https; no includeSubDomains: the shop's other hosts are not ours to decide.
    strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: false },
    xFrameOptions: { action: 'deny' },
  });
}
