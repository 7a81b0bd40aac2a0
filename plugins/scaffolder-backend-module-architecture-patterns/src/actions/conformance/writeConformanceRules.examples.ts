import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Copy the event-driven-basic rules into conformance/ of the generated repository.',
    example: yaml.stringify({
      steps: [
        {
          id: 'conformance',
          action: 'architecture:conformance:write',
          name: 'Add the conformance rules',
          input: {
            pattern: 'event-driven-basic',
            entityRef: 'component:default/order-intake',
          },
        },
      ],
    }),
  },
];
