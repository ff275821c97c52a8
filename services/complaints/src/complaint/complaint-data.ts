import type { ComplaintCommand, ReceiveComplaintData } from '@adminduk/domain';

/**
 * A request body as the command's data. The body's shape is checked by its zod schema; its values
 * (a kind, category or channel of the catalog, lengths, who may use which channel) by the decider,
 * the one place the rules live. Between the two, only the literal types differ (`kind: string`).
 */
export const asComplaintData = (body: Omit<ReceiveComplaintData, 'kind'> & { kind: string }): ReceiveComplaintData =>
  body as ReceiveComplaintData;

export type VerifyCommandData = Extract<ComplaintCommand, { type: 'VerifyComplaint' }>['data'];
