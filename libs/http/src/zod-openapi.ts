import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** A zod schema as an inline OpenAPI 3 schema object. */
export function zodOpenApiSchema(schema: z.ZodTypeAny): Record<string, unknown> {
  return zodToJsonSchema(schema as never, { target: 'openApi3', $refStrategy: 'none' }) as Record<string, unknown>;
}

/** OpenAPI request body generated from the same zod schema that validates it: one source of truth. */
export function ApiZodBody(schema: z.ZodTypeAny, description?: string): MethodDecorator {
  return ApiBody({ description, schema: zodOpenApiSchema(schema) });
}

export function ApiZodQuery(name: string, schema: z.ZodTypeAny, required = false): MethodDecorator {
  return ApiQuery({ name, required, schema: zodOpenApiSchema(schema) });
}

/** A JSON response documented by a zod schema (the shape the handler returns). */
export function ApiZodResponse(status: number, schema: z.ZodTypeAny, description = 'Berhasil'): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, content: { 'application/json': { schema: zodOpenApiSchema(schema) } } });
}

/** A binary or text response (PDF, image, HTML page) documented by its media types. */
export function ApiFileResponse(status: number, mediaTypes: string[], description: string): MethodDecorator & ClassDecorator {
  const content = Object.fromEntries(
    mediaTypes.map((m) => [m, { schema: m.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' } }]),
  );
  return ApiResponse({ status, description, content });
}
