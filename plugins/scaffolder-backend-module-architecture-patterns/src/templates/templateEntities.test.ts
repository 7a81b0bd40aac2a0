import fs from 'fs-extra';
import path from 'path';
import { parse } from 'yaml';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { TEMPLATES_DIR } from '../__testUtils__/templateFiles';

// Every template in templates/ (the service templates and upgrade-service): the catalog
// rejects a Template entity that does not match the scaffolder's schema.
const templates = fs
  .readdirSync(TEMPLATES_DIR)
  .filter(name =>
    fs.existsSync(path.join(TEMPLATES_DIR, name, 'template.yaml')),
  );

describe('template entities', () => {
  it.each(templates)(
    '%s matches the scaffolder template schema',
    async name => {
      const template = parse(
        await fs.readFile(
          path.join(TEMPLATES_DIR, name, 'template.yaml'),
          'utf8',
        ),
      );
      await expect(
        templateEntityV1beta3Validator.check(template),
      ).resolves.toBe(true);
    },
  );
});
