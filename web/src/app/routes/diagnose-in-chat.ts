import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { z } from 'zod/mini';
import { dbmindMaxQuestionLength } from '@dws-console/shared';

/** An alarm handed to the chat: `query` is DBMind's alarm JSON, `shown` is what the conversation shows. */
const diagnosisStateSchema = z.object({
  diagnose: z.object({
    query: z.string().check(z.minLength(1), z.maxLength(dbmindMaxQuestionLength)),
    shown: z.string().check(z.maxLength(dbmindMaxQuestionLength)),
  }),
});
export type Diagnosis = z.infer<typeof diagnosisStateSchema>['diagnose'];

/** The alarm the chat was opened with, and how to forget it once asked (a reload must not ask again). */
export function useDiagnosisRequest(): { diagnosis?: Diagnosis; onAsked: () => void } {
  const location = useLocation();
  const navigate = useNavigate();
  const parsed = diagnosisStateSchema.safeParse(location.state);
  const onAsked = useCallback(() => {
    void navigate(location.pathname, { replace: true, state: null });
  }, [navigate, location.pathname]);
  return { diagnosis: parsed.success ? parsed.data.diagnose : undefined, onAsked };
}
