import type { Response } from './response.js';

export interface ResponseStore {
  get(invitationId: string): Promise<Response | null>;
  /** Records an answer, or changes it: the first answer's day and time are kept. */
  save(response: Response): Promise<Response>;
}
