import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ADOPTION_FILTER_KEYS,
  CONFORMANCE_STATUSES,
  adoptionExportPermission,
  exportAdoptionCsv,
  normalizeAdoptionFilters,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import express from 'express';
import Router from 'express-promise-router';
import type { AdoptionSummaries } from './AdoptionSummaries';

function checkFilters(query: express.Request['query']) {
  for (const [key, value] of Object.entries(query)) {
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
    if (
      key === 'conformance' &&
      !(CONFORMANCE_STATUSES as readonly string[]).includes(value)
    ) {
      throw new InputError(
        `Unknown conformance "${value}"; use ${CONFORMANCE_STATUSES.join(
          ', ',
        )}`,
      );
    }
  }
}

/**
 * GET /adoption/summary?pattern=&owner=&system=&lifecycle=&conformance= answers the
 * adoption overview's counts as { facets, computedAt }.
 *
 * GET /adoption/export.csv with the same filters downloads every adopter as
 * CSV, for users the permission policy allows
 * `architecture-patterns.adoption.export`; the catalog is read with the
 * user's own credentials, so the file holds only what they may see.
 */
export function createAdoptionRouter(options: {
  summaries: AdoptionSummaries;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
}): express.Router {
  const router = Router();
  router.get('/adoption/summary', async (req, res) => {
    checkFilters(req.query);
    const credentials = await options.httpAuth.credentials(req);
    const summary = await options.summaries.get(
      normalizeAdoptionFilters(req.query),
      credentials,
    );
    res.json(summary);
  });

  router.get('/adoption/export.csv', async (req, res) => {
    checkFilters(req.query);
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const [decision] = await options.permissions.authorize(
      [{ permission: adoptionExportPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not export the adoption data: the permission policy does not allow architecture-patterns.adoption.export',
      );
    }
    const csv = await exportAdoptionCsv(
      {
        queryEntities: request =>
          options.catalog.queryEntities(request, { credentials }),
      },
      normalizeAdoptionFilters(req.query),
    );
    res
      .status(200)
      .type('text/csv')
      .attachment('pattern-adoption.csv')
      .send(csv);
  });
  return router;
}
