import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** OpenAPI request body generated from the same zod schema that validates it: one source of truth. */
export function ApiZodBody(schema: z.ZodTypeAny, description?: string): MethodDecorator {
  const json = zodToJsonSchema(schema as never, { target: 'openApi3', $refStrategy: 'none' }) as Record<string, unknown>;
  return ApiBody({ description, schema: json });
}

export function ApiZodQuery(name: string, schema: z.ZodTypeAny, required = false): MethodDecorator {
  const json = zodToJsonSchema(schema as never, { target: 'openApi3', $refStrategy: 'none' }) as Record<string, unknown>;
  return ApiQuery({ name, required, schema: json });
}
