import { ApiProblem } from '../../api';

/** Any thrown value as the platform's one error shape (the user-facing message). */
export const asProblem = (e: unknown): ApiProblem =>
  e instanceof ApiProblem ? e : new ApiProblem(0, 'UNKNOWN', 'Terjadi kesalahan. Silakan coba lagi.');

/** An API problem as an alert the screen reader announces. */
export function ProblemAlert({ problem }: { problem: ApiProblem | null | undefined }) {
  if (!problem) return null;
  return (
    <p class="peringatan" role="alert">
      {problem.message}
    </p>
  );
}
