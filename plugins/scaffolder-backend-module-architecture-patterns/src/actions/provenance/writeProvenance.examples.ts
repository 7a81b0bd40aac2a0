import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Record how the repository was generated, as the last step before publishing.',
    example: yaml.stringify({
      steps: [
        {
          id: 'provenance',
          action: 'architecture:provenance:write',
          name: 'Record the provenance',
          input: {
            answers: '${{ steps.validate.output.values }}',
            constructLibraryVersion: '${{ steps.constructs.output.version }}',
            vendored: ['lib/constructs'],
            records: ['docs/adr'],
          },
        },
      ],
    }),
  },
];
