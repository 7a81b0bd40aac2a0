import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Copy the event-driven service construct into lib/constructs',
    example: yaml.stringify({
      steps: [
        {
          id: 'constructs',
          action: 'architecture:constructs:copy',
          name: 'Add the pattern constructs',
          input: {
            constructs: ['event-driven-service'],
            packageName: 'order-intake',
          },
        },
      ],
    }),
  },
];
