import { useEffect, useState } from 'react';
import { afterFirstAnswer, firstAnswerDone } from '../lib/first-answer';

/** True once start-up's later work may run (see lib/first-answer). */
export function useAfterFirstAnswer(): boolean {
  const [done, setDone] = useState(firstAnswerDone);
  useEffect(() => (done ? undefined : afterFirstAnswer(() => setDone(true))), [done]);
  return done;
}
