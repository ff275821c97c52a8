/** The validated configuration of the printing service (printing.config.ts). */
export const PRINTING_CONFIG = Symbol('PRINTING_CONFIG');
