/** A fresh Idempotency-Key for one user action (a retry of the same action reuses it). */
export const newIdempotencyKey = (): string => crypto.randomUUID();
