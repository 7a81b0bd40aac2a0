import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Add the files every service has (catalog entity, docs, CI workflow, test app) after the template's own skeleton, with the validated values.",
    example: yaml.stringify({
      steps: [
        {
          id: 'service-files',
          action: 'architecture:service-skeleton:fetch',
          name: 'Add the files every service has',
          input: {
            values: '${{ steps.validate.output.values }}',
          },
        },
      ],
    }),
  },
];
