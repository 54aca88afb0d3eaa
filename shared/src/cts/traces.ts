import { z } from 'zod/mini';
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
  .check(z.int('must be a whole number of milliseconds'), z.minimum(0, 'must not be negative'));
const filter = z
  .string()
  .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(256, 'must be at most 256 characters'));

export const traceListQuerySchema = z
  .strictObject({
    trace_type: z.enum(['system', 'data'], { error: 'must be system or data' }),
    limit: z._default(
      z.coerce
        .number({ error: 'must be a number' })
        .check(
          z.int('must be a whole number'),
          z.minimum(1, 'must be at least 1'),
          z.maximum(200, 'must be at most 200'),
        ),
      10,
    ),
    from: z.optional(millis),
    to: z.optional(millis),
    next: z.optional(z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'must be the marker of a previous page'))),
    service_type: z.optional(filter),
    resource_type: z.optional(filter),
    resource_id: z.optional(filter),
    resource_name: z.optional(filter),
    trace_name: z.optional(filter),
    trace_id: z.optional(filter),
    trace_rating: z.optional(z.enum(traceRatings, { error: 'must be normal, warning or incident' })),
    user: z.optional(filter),
  })
  .check(
    z.refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
      path: ['from'],
      message: 'must not be later than to',
    }),
  );
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
  message: z.optional(z.string()),
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
    count: z.int().check(z.minimum(0)),
    /** The `next` of the following page; null on the last page. */
    marker: z.nullable(z.string()),
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
