import fs from 'fs';
import path from 'path';

const OWN_PACKAGE =
  '@platform-architecture/backstage-plugin-scaffolder-backend-module-architecture-patterns';

/**
 * The templates folder whose `<template>/releases/*.tgz` upgrades render when
 * the config names none: the copy of the templates this package ships (the
 * releases it was built with), else undefined.
 */
export function installedTemplateReleases(
  resolve: (request: string) => string = require.resolve,
): string | undefined {
  try {
    const bundled = path.join(
      path.dirname(resolve(`${OWN_PACKAGE}/package.json`)),
      'templates',
    );
    return fs.existsSync(bundled) ? bundled : undefined;
  } catch {
    return undefined;
  }
}
