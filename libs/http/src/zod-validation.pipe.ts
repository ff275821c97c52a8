import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { parseWith } from './zod-indonesian';

/** Validates a body or query against a zod schema; 400 with every bad field named. */
@Injectable()
export class ZodValidationPipe<T extends z.ZodTypeAny> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const r = parseWith(this.schema, value);
    if (!r.ok) throw ApiError.badRequest('Data yang dikirim tidak valid', r.errors);
    return r.data;
  }
}
