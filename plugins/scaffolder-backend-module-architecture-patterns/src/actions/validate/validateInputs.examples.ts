import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Check the service name and that the two regions differ',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'architecture:inputs:validate',
          name: 'Validate input',
          input: {
            values: {
              name: 'orders-api',
              primaryRegion: 'eu-west-1',
              secondaryRegion: 'us-east-1',
              maxReceiveCount: 5,
            },
            names: ['name'],
            distinct: [['primaryRegion', 'secondaryRegion']],
            ranges: { maxReceiveCount: { min: 1, max: 10 } },
          },
        },
      ],
    }),
  },
];
