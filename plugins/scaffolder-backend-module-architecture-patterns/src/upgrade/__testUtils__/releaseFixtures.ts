import fs from 'fs-extra';
import os from 'os';
import path from 'path';
import { parse } from 'yaml';
import { completeTemplateValues } from '../../actions/validate/templateValues';
import { TEMPLATES_DIR } from '../../__testUtils__/templateFiles';
import { DryRun } from '../render/scaffolderDryRun';

/** The install cache the upgrade tests share (installs are keyed by the lock file). */
export const UPGRADE_TEST_INSTALLS = path.join(
  os.tmpdir(),
  'architecture-upgrades-test-installs',
);

/**
 * A template's fixture values as its first step normalises them (defaults
 * applied): what a repository generated with them records as its answers.
 */
export async function fixtureAnswers(
  template: string,
  fixture = 'values.yaml',
): Promise<Record<string, unknown>> {
  const dir = path.join(TEMPLATES_DIR, template);
  const { spec } = parse(
    await fs.readFile(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const values = parse(
    await fs.readFile(path.join(dir, 'fixtures', fixture), 'utf8'),
  );
  return completeTemplateValues(spec.parameters, values).values;
}

/**
 * The owner and system the three-tier fixtures name: releases from 1.2.0 on
 * resolve them in the catalog, so a test renders those only once they are in.
 */
export const FIXTURE_ENTITIES = [
  'group/default/orders-team',
  'system/default/checkout',
];

/** The dry run of a portal test backend, failing with the backend's reason. */
export function testBackendDryRun(portal: {
  api(method: string, url: string, body?: unknown): Promise<any>;
}): DryRun {
  return async request => {
    const { status, body } = await portal.api(
      'POST',
      '/api/scaffolder/v2/dry-run',
      request,
    );
    if (status !== 200) {
      throw new Error(`dry run failed (${status}): ${JSON.stringify(body)}`);
    }
    return body;
  };
}
