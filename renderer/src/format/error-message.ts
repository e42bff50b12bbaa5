import { isBerthErrorShape } from '../../../preload/contract/errors';

/** The one place that turns whatever a call rejected with into a sentence for a person. */
export function errorMessage(error: unknown): string {
  if (isBerthErrorShape(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong, and the error carried no message.';
}

/** Main refused because a file of that name is there and replacing it was not asked for (details.exists). */
export function isExistsConflict(err: unknown): boolean {
  return isBerthErrorShape(err) && err.code === 'CONFLICT' && (err.details as { exists?: boolean } | undefined)?.exists === true;
}
