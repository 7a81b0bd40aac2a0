/** One option weighed in a decision record. */
export type ConsideredOption = {
  title: string;
  summary?: string;
  /** Arguments for, then against. */
  good?: string[];
  bad?: string[];
};

/**
 * The decision guide answers behind a record: what was asked and answered,
 * which options a stated requirement ruled out, and what came second.
 */
export type GuideTrail = {
  /** The guide's title. */
  title: string;
  /** What the guide concluded, in one sentence. */
  result: string;
  answers: Array<{ question: string; answer: string }>;
  /** Questions left unanswered. */
  open: string[];
  ruledOut: Array<{
    option: string;
    by: Array<{ question: string; answer: string }>;
  }>;
  /** The runner-up and how it compares, if an option came second. */
  runnerUp?: string;
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
  /** A clause that completes "Chosen option: X, because ...". */
  rationale: string;
  /** What the chosen option gives and costs, each a phrase or a clause. */
  tradeOff?: { gives: string; costs: string };
  consequences: { good: string[]; bad: string[] };
  /** The decision guide answers that led here, when a guide was used. */
  guide?: GuideTrail;
  links?: Array<{ title: string; url: string }>;
};

const bullets = (items: string[]) => items.map(item => `- ${item}`).join('\n');

const withoutStop = (text: string) => text.trim().replace(/[.;:,]+$/, '');

/**
 * A phrase or a clause as a sentence of its own: capitalised, with one
 * full stop. Pattern data holds both ("fast acknowledgement", "results
 * arrive later"), so what comes before it must read with either.
 */
export function asSentence(text: string): string {
  const body = withoutStop(text);
  return `${body.charAt(0).toLocaleUpperCase('en-US')}${body.slice(1)}.`;
}

/** Pros and cons as bullets that read whatever the data holds. */
const judged = (label: 'Good' | 'Bad', items: string[] = []) =>
  items
    .filter(item => withoutStop(item) !== '')
    .map(item => `- ${label}: ${asSentence(item)}`);

/** The "Decision Guide" section of a record. */
function guideSection(trail: GuideTrail): string[] {
  const lines = [
    '## Decision Guide',
    '',
    `Answers given to the guide "${trail.title}". ${trail.result}`,
    '',
    ...(trail.answers.length
      ? trail.answers.map(a => `- ${a.question} **${a.answer}**`)
      : ['- No question was answered.']),
  ];
  if (trail.open.length) {
    lines.push('', 'Left open:', '', bullets(trail.open));
  }
  lines.push('', '### Ruled out by a stated requirement', '');
  if (trail.ruledOut.length) {
    for (const ruled of trail.ruledOut) {
      lines.push(
        `- ${ruled.option}, ruled out by ${ruled.by
          .map(b => `"${b.answer}" (${b.question})`)
          .join(' and ')}`,
      );
    }
  } else {
    lines.push('No option was ruled out by a requirement among the answers.');
  }
  lines.push(
    '',
    '### Runner-up',
    '',
    trail.runnerUp ?? 'No other option was left standing.',
  );
  return lines;
}

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
      lines.push(...judged('Good', option.good), ...judged('Bad', option.bad));
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
    [
      `Chosen option: "${record.chosen}", because ${withoutStop(
        record.rationale,
      )}.`,
      ...(record.tradeOff
        ? [
            `What it gives: ${asSentence(record.tradeOff.gives)}`,
            `What it costs: ${asSentence(record.tradeOff.costs)}`,
          ]
        : []),
    ].join(' '),
    '',
    '### Consequences',
    '',
    ...judged('Good', record.consequences.good),
    ...judged('Bad', record.consequences.bad),
    '',
    ...(record.guide ? [...guideSection(record.guide), ''] : []),
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
