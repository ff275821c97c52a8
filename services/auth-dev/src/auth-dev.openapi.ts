import { z } from 'zod';

/** Response shapes of the development issuer's routes, for the OpenAPI document (ApiZodResponse). */
export const discoverySchema = z
  .object({ issuer: z.string(), jwks_uri: z.string(), token_endpoint: z.string() })
  .passthrough()
  .describe('OIDC discovery (RFC 8414)');
export const jwksSchema = z.object({ keys: z.array(z.record(z.unknown())) });
export const demoUsersSchema = z.array(
  z.object({
    username: z.string(),
    role: z.string(),
    kecamatan: z.string().optional(),
    desa: z.string().optional(),
    description: z.string(),
  }),
);
export const tokenSchema = z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() });
