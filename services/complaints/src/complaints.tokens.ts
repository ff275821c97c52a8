/** The validated configuration of the complaints service (complaints.config.ts). */
export const COMPLAINTS_CONFIG = Symbol('COMPLAINTS_CONFIG');
