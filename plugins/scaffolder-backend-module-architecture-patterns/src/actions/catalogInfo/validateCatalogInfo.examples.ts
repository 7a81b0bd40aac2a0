import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check that the catalog accepts the rendered catalog-info.yaml before publishing',
    example: yaml.stringify({
      steps: [
        {
          id: 'check-entity',
          action: 'architecture:catalog-info:validate',
          name: 'Check the entity with the catalog',
          input: { filePath: 'catalog-info.yaml' },
        },
      ],
    }),
  },
];
