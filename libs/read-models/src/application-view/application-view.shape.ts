/**
 * The read shape of the application view: what the queue, detail and checklist screens and the
 * signing queue show, filled by the projection. Declared once with the API's answers that carry it
 * (libs/api-contracts), which the web app reads too.
 */
export type { DocumentView, QueueBucket, RequirementView, SigningFailureView, StatusView } from '@adminduk/api-contracts';
