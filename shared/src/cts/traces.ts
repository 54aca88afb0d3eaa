import { z } from 'zod';
import { dwsRoutes, type DwsRouteName } from '../dws/routes.ts';

/**
 * Cloud Trace Service's trace list (`GET /v3/{project_id}/traces`, API reference cts_api_0311): the emulator
 * answers with these shapes and the console validates what it forwards with the same ones.
 */

/** CTS keeps management traces for seven days; older ones are neither listed nor kept. */
export const traceRetentionMs = 7 * 24 * 60 * 60 * 1000;
export const traceListAction = 'cts:trace:list';
export const traceRatings = ['normal', 'warning', 'incident'] as const;
export type TraceRating = (typeof traceRatings)[number];

const millis = z.coerce
  .number({ error: 'must be a time in milliseconds since 1970' })
  .int('must be a whole number of milliseconds')
  .min(0, 'must not be negative');
const filter = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

export const traceListQuerySchema = z
  .object({
    trace_type: z.enum(['system', 'data'], { error: 'must be system or data' }),
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(200, 'must be at most 200')
      .default(10),
    from: millis.optional(),
    to: millis.optional(),
    next: z
      .string()
      .regex(/^[0-9a-f-]{36}$/, 'must be the marker of a previous page')
      .optional(),
    service_type: filter.optional(),
    resource_type: filter.optional(),
    resource_id: filter.optional(),
    resource_name: filter.optional(),
    trace_name: filter.optional(),
    trace_id: filter.optional(),
    trace_rating: z.enum(traceRatings, { error: 'must be normal, warning or incident' }).optional(),
    user: filter.optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['from'],
    message: 'must not be later than to',
  });
export type TraceListQuery = z.infer<typeof traceListQuerySchema>;

export const traceSchema = z.object({
  trace_id: z.string(),
  trace_name: z.string(),
  trace_rating: z.enum(traceRatings),
  /** `ConsoleAction` when the console made the call, `ApiCall` for the API, an SDK or a tool. */
  trace_type: z.enum(['ConsoleAction', 'ApiCall', 'SystemAction']),
  service_type: z.string(),
  resource_type: z.string(),
  resource_id: z.string(),
  resource_name: z.string(),
  /** The request's summary as JSON text, with every password, token and secret replaced. */
  request: z.string(),
  response: z.string(),
  /** The HTTP status code, as text. */
  code: z.string(),
  message: z.string().optional(),
  api_version: z.string(),
  /** When the operation happened and when CTS recorded it, in milliseconds. */
  time: z.number(),
  record_time: z.number(),
  request_id: z.string(),
  source_ip: z.string(),
  user: z.object({
    id: z.string(),
    name: z.string(),
    domain: z.object({ id: z.string(), name: z.string() }),
  }),
});
export type Trace = z.infer<typeof traceSchema>;

export const traceListResponseSchema = z.object({
  traces: z.array(traceSchema),
  meta_data: z.object({
    count: z.number().int().min(0),
    /** The `next` of the following page; null on the last page. */
    marker: z.string().nullable(),
  }),
});
export type TraceListResponse = z.infer<typeof traceListResponseSchema>;

/** The `User-Agent` the console's calls carry, so their traces say `ConsoleAction` rather than `ApiCall`. */
export const consoleUserAgent = 'DWS-Console';

type ChangingRoute = {
  [K in DwsRouteName]: (typeof dwsRoutes)[K]['method'] extends 'GET' ? never : K;
}[DwsRouteName];

/**
 * The operations CTS records, by trace name: every DWS call that changes something (reads are not management
 * operations) and IAM's token issue and revocation.
 */
export const tracedOperations = [
  ...(Object.keys(dwsRoutes) as DwsRouteName[]).filter(
    (name): name is ChangingRoute => dwsRoutes[name].method !== 'GET',
  ),
  'createToken',
  'revokeToken',
] as const;
export type TracedOperation = (typeof tracedOperations)[number];
