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
  {
    description:
      'Record a disaster recovery choice with the answers given to its decision guide',
    example: yaml.stringify({
      steps: [
        {
          id: 'adr',
          action: 'architecture:decision-record:write',
          name: 'Write the decision record',
          input: {
            pattern: 'dr-pilot-light',
            serviceName: 'payments',
            context:
              'Payments must survive the loss of a Region without losing more than minutes of data.',
            because:
              'a replicated database is affordable while idle servers are not',
            guide: 'disaster-recovery',
            guideAnswers: { rpo: 'minutes', rto: 'tens-of-minutes' },
          },
        },
      ],
    }),
  },
];
