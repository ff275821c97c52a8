/** The Nest token of the issuer's options (AuthDevOptions). */
export const AUTH_DEV_OPTIONS = Symbol('AUTH_DEV_OPTIONS');
