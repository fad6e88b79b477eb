import { Router } from '@voxbridge/emulator-kit';
import type { RouteDeps } from './common.js';
import { registerFileRoutes } from './files.js';
import { registerIntegrationRoutes } from './integrations.js';
import { registerInteractionRoutes } from './interactions.js';
import { registerPeopleRoutes } from './people.js';
import { registerQaRoutes } from './qa.js';

export { API, type RouteDeps } from './common.js';
export { EICAR_SIGNATURE, FILE_DOWNLOAD_ROUTE } from './files.js';

/** The router of every Playvox QA API route under `/api/v1`. */
export function buildPlayvoxRouter(deps: RouteDeps): Router {
  const router = new Router();
  registerQaRoutes(router, deps);
  registerPeopleRoutes(router, deps);
  registerIntegrationRoutes(router, deps);
  registerInteractionRoutes(router, deps);
  registerFileRoutes(router, deps);
  return router;
}
