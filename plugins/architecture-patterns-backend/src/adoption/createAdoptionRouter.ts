import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ADOPTION_FILTER_KEYS,
  normalizeAdoptionFilters,
} from '@internal/backstage-plugin-architecture-patterns-common';
import express from 'express';
import Router from 'express-promise-router';
import type { AdoptionSummaries } from './AdoptionSummaries';

/**
 * GET /adoption/summary?pattern=&owner=&system=&lifecycle= answers the
 * adoption overview's counts as { facets, computedAt }.
 */
export function createAdoptionRouter(options: {
  summaries: AdoptionSummaries;
  httpAuth: HttpAuthService;
}): express.Router {
  const router = Router();
  router.get('/adoption/summary', async (req, res) => {
    for (const [key, value] of Object.entries(req.query)) {
      if (!(ADOPTION_FILTER_KEYS as string[]).includes(key)) {
        throw new InputError(
          `Unknown adoption filter "${key}"; use ${ADOPTION_FILTER_KEYS.join(
            ', ',
          )}`,
        );
      }
      if (typeof value !== 'string') {
        throw new InputError(`The adoption filter "${key}" takes one value`);
      }
    }
    const credentials = await options.httpAuth.credentials(req);
    const summary = await options.summaries.get(
      normalizeAdoptionFilters(req.query),
      credentials,
    );
    res.json(summary);
  });
  return router;
}
