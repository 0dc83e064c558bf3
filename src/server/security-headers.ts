import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The page may load only our own built bundle: scripts from this origin, no inline script, no
 * framing. Mantine writes inline styles, hence 'unsafe-inline' for styles only.
 */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * Security headers on every answer, errors included, through @fastify/helmet (helmet's maintained
 * set: CSP, X-Frame-Options, nosniff, Referrer-Policy, COOP, CORP…). HSTS only when the app is
 * served over HTTPS (`secureCookies`): over plain HTTP on a LAN it would lock browsers out.
 * The API docs UI (@fastify/swagger-ui) answers its own CSP with the hashes of its inline scripts.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true, preload: false } : false,
  });
  // Helmet has no Permissions-Policy: the app uses no camera, microphone, location or payment.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  });
}

/**
 * The docs UI's own policy (its scripts are files, none inline), narrowed: styles and fonts from this
 * origin only, inline styles allowed as on our pages (Swagger UI sets style attributes), and no
 * `upgrade-insecure-requests` over plain HTTP, where it would break the UI's own assets.
 */
export function docsContentSecurityPolicy(https: boolean): (header: string) => string {
  return (header) => {
    const narrowed = header
      .replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';")
      .replace(/font-src [^;]*;/, "font-src 'self' data:;")
      .replace(/img-src [^;]*;/, "img-src 'self' data:;");
    return https ? narrowed : narrowed.replace(/\s*upgrade-insecure-requests;?/, '');
  };
}
