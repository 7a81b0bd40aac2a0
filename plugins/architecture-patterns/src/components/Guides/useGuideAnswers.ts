import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { GuideAnswers } from '@internal/backstage-plugin-architecture-patterns-common';

/**
 * A guide's answers live in the URL (?question=answer), so a result can be
 * shared and revisited, and the browser's back and forward step through them.
 */
export function useGuideAnswers(): [GuideAnswers, (question: string, answer: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const answers = useMemo(() => Object.fromEntries(params.entries()), [params]);
  const setAnswer = useCallback(
    (question: string, answer: string | undefined) =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        if (answer) next.set(question, answer);
        else next.delete(question);
        return next;
      }),
    [setParams],
  );
  return [answers, setAnswer];
}
