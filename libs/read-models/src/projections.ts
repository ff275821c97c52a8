import { ApplicationViewProjection } from './application-view/application-view.projection';
import type { Projection } from './checkpoint/apply-in-transaction';
import { SignedDocumentsProjection } from './signed-documents/signed-documents.projection';

/** Every read model's projection, as the projections service runs them (each with its own checkpoint). */
export function allProjections(): Projection[] {
  return [new ApplicationViewProjection(), new SignedDocumentsProjection()];
}
