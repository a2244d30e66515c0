import path from 'node:path';
import { createRequire } from 'node:module';
import express, { Router } from 'express';
import { buildOpenApiDocument } from './openapi';
import './openapi-device-api';

const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// Script and styles from files of our own origin: the page works under the CSP without 'unsafe-inline'.
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>EcoMarket API</title>
    <link rel="icon" href="/api/docs/favicon-32x32.png" />
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="api-docs"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#api-docs',
  deepLinking: true,
  validatorUrl: null,
  withCredentials: true,
});
`;

/** GET /api/openapi.json and the interactive page at /api/docs (Swagger UI served from the package, no CDN). */
export function apiDocsRoutes(): Router {
  const router = Router();
  let document: ReturnType<typeof buildOpenApiDocument> | null = null;
  router.get('/openapi.json', (_req, res) => {
    // Built on first request: every route module has registered its operations by then.
    document ??= buildOpenApiDocument();
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').setHeader('Cache-Control', 'no-cache');
    res.send(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(INIT);
  });
  router.use('/docs', express.static(swaggerUiDir, { index: false, maxAge: '1d' }));
  return router;
}
