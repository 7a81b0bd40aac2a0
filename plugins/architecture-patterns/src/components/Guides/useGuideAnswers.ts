import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { GuideAnswers } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/**
 * A guide's answers live in the URL (?question=answer), so a result can be
 * shared and revisited, and the browser's back and forward step through them.
 */
export function useGuideAnswers(): [
  GuideAnswers,
  (question: string, answer: string | undefined) => void,
  () => void,
] {
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
  // One navigation for all answers: setParams reads the params of the last
  // render, so clearing them one by one would only clear the last.
  const clearAnswers = useCallback(
    () => setParams(new URLSearchParams()),
    [setParams],
  );
  return [answers, setAnswer, clearAnswers];
}
