import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Propose an upgrade of two services to the newest release of their template.',
    example: yaml.stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'architecture:template:upgrade',
          name: 'Upgrade',
          input: {
            components: [
              'component:default/storefront',
              'component:default/orders-api',
            ],
          },
        },
      ],
    }),
  },
  {
    description: 'Propose an upgrade of one service to a given release.',
    example: yaml.stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'architecture:template:upgrade',
          name: 'Upgrade',
          input: {
            components: ['component:default/storefront'],
            targetVersion: '1.2.0',
          },
        },
      ],
    }),
  },
];
