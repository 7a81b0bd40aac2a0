import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Record why an order service is event-driven',
    example: yaml.stringify({
      steps: [
        {
          id: 'adr',
          action: 'architecture:decision-record:write',
          name: 'Write the decision record',
          input: {
            pattern: 'event-driven-basic',
            serviceName: 'order-intake',
            context:
              'Order intake must absorb flash-sale peaks without losing orders.',
            because:
              'callers only need an acknowledgement and can poll for the result',
          },
        },
      ],
    }),
  },
];
