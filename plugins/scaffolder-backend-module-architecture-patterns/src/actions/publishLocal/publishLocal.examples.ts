import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Publish the generated service as a local git repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'publish:local',
          name: 'Publish',
          input: { repoName: 'order-intake' },
        },
      ],
    }),
  },
];
