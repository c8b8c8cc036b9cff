import { z } from '@hono/zod-openapi';
import { errorStatus } from '../app-error.ts';

/** RFC 9457 problem details as this service writes them. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]]),
    requestId: z.string().optional(),
  })
  .passthrough()
  .openapi('Probleme');
