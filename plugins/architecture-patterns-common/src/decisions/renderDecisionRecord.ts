/** One option weighed in a decision record. */
export type ConsideredOption = {
  title: string;
  summary?: string;
  /** Arguments for, then against. */
  good?: string[];
  bad?: string[];
};

/** The content of an architecture decision record in MADR form. */
export type DecisionRecord = {
  title: string;
  status: 'proposed' | 'accepted' | 'superseded' | 'deprecated';
  date: string;
  deciders?: string[];
  context: string;
  drivers: string[];
  options: ConsideredOption[];
  chosen: string;
  /** The trade-off in the form "gives X at the cost of Y; chosen because Z". */
  rationale: string;
  consequences: { good: string[]; bad: string[] };
  links?: Array<{ title: string; url: string }>;
};

const bullets = (items: string[]) => items.map(item => `- ${item}`).join('\n');

/**
 * A front matter value: plain when YAML reads it back as the same string,
 * otherwise double-quoted (a JSON string is a valid YAML scalar).
 */
const yamlString = (value: string) =>
  /^[A-Za-z][\w .,/()'-]*$/.test(value) &&
  !/^(?:true|false|yes|no|on|off|y|n|null)$/i.test(value) &&
  !/\s$/.test(value)
    ? value
    : JSON.stringify(value);

/** Renders a decision record as MADR 4 markdown. */
export function renderDecisionRecord(record: DecisionRecord): string {
  if (!record.options.some(option => option.title === record.chosen)) {
    throw new Error(
      `chosen "${record.chosen}" is not one of the considered options`,
    );
  }
  const front = [
    '---',
    `status: ${record.status}`,
    `date: ${record.date}`,
    ...(record.deciders?.length
      ? [`decision-makers: ${yamlString(record.deciders.join(', '))}`]
      : []),
    '---',
  ].join('\n');

  const options = record.options
    .map(option => {
      const lines = [`### ${option.title}`, ''];
      if (option.summary) lines.push(option.summary, '');
      for (const item of option.good ?? [])
        lines.push(`- Good, because ${item}`);
      for (const item of option.bad ?? []) lines.push(`- Bad, because ${item}`);
      return lines.join('\n').trimEnd();
    })
    .join('\n\n');

  const sections = [
    front,
    '',
    `# ${record.title}`,
    '',
    '## Context and Problem Statement',
    '',
    record.context,
    '',
    '## Decision Drivers',
    '',
    bullets(record.drivers),
    '',
    '## Considered Options',
    '',
    bullets(record.options.map(option => option.title)),
    '',
    '## Decision Outcome',
    '',
    `Chosen option: "${record.chosen}", because ${record.rationale}`,
    '',
    '### Consequences',
    '',
    ...record.consequences.good.map(item => `- Good, because ${item}`),
    ...record.consequences.bad.map(item => `- Bad, because ${item}`),
    '',
    '## Pros and Cons of the Options',
    '',
    options,
  ];
  if (record.links?.length) {
    sections.push(
      '',
      '## More Information',
      '',
      bullets(record.links.map(link => `[${link.title}](${link.url})`)),
    );
  }
  return `${sections.join('\n')}\n`;
}
