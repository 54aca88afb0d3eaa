import { z } from 'zod/mini';
import { boundedJson } from '../http/json-bounds.ts';

/**
 * The output elements of the DBMind chat stream (GaussMaster's `ui_output_util`). A console renders the known
 * types and shows anything else as JSON, so `dbmindElementSchema` accepts unknown types too.
 */
export const strElementSchema = z.object({
  type: z.literal('str'),
  content: z.string(),
  color: z.optional(z.string()),
});

export const progressElementSchema = z.object({ type: z.literal('progress'), content: z.string() });

const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const tableElementSchema = z.object({
  type: z.literal('table'),
  content: z.object({ headers: z.array(z.string()), rows: z.array(z.array(cellSchema)) }),
});

/** At most about 50 points: the service down-samples longer series. */
export const graphElementSchema = z.object({
  type: z.literal('graph'),
  content: z.object({
    title: z.string(),
    x: z.string(),
    y: z.string(),
    timestamps: z.array(z.string()),
    values: z.array(z.nullable(z.number())),
    color: z.string(),
  }),
});

export const titleElementSchema = z.object({
  type: z.literal('title'),
  content: z.string(),
  level: z.int(),
  color: z.optional(z.string()),
});

/** `question: 1` means a click sends `show` as the user's next message and `event` (the alarm JSON) as the query. */
export const alarmButtonSchema = z.object({
  name: z.string(),
  show: z.string(),
  event: z.string(),
  question: z.int(),
});

/** An alarm card; `button` is empty when the detection found nothing. */
export const statusElementSchema = z.object({
  type: z.literal('status'),
  ip: z.optional(z.string()),
  content: z.object({
    name: z.string(),
    status: z.int(),
    button: z.union([alarmButtonSchema, z.strictObject({})]),
  }),
});

export const buttonElementSchema = z.object({
  type: z.literal('button'),
  content: z.object({
    name: z.string(),
    show: z.string(),
    event: z.string(),
    question: z.int(),
    text: z.optional(z.unknown()),
  }),
});

export const dividerElementSchema = z.object({
  type: z.enum(['horizontal_divider', 'vertical_divider']),
  content: z.unknown(),
});

/** Any element whose type this console does not know yet. */
export const unknownElementSchema = z.looseObject({ type: z.string() });

type KnownElement =
  | z.infer<typeof strElementSchema>
  | z.infer<typeof progressElementSchema>
  | z.infer<typeof tableElementSchema>
  | z.infer<typeof graphElementSchema>
  | z.infer<typeof titleElementSchema>
  | z.infer<typeof statusElementSchema>
  | z.infer<typeof buttonElementSchema>
  | z.infer<typeof dividerElementSchema>
  | SortElement
  | FilterElement;

/** A titled list of elements (the alarm cards of one instance). */
export interface SortElement {
  type: 'sort';
  name: string;
  content: DbmindElement[];
}

/** A search box over `candidate` elements. */
export interface FilterElement {
  type: 'filter';
  name: string;
  content: string;
  candidate: DbmindElement[];
}

export type DbmindElement = KnownElement | z.infer<typeof unknownElementSchema>;

export const sortElementSchema: z.ZodMiniType<SortElement> = z.object({
  type: z.literal('sort'),
  name: z.string(),
  content: z.array(z.lazy(() => dbmindElementSchema)),
});

export const filterElementSchema: z.ZodMiniType<FilterElement> = z.object({
  type: z.literal('filter'),
  name: z.string(),
  content: z.string(),
  candidate: z.array(z.lazy(() => dbmindElementSchema)),
});

export const knownElementSchema: z.ZodMiniType<KnownElement> = z.union([
  strElementSchema,
  progressElementSchema,
  tableElementSchema,
  graphElementSchema,
  titleElementSchema,
  statusElementSchema,
  buttonElementSchema,
  dividerElementSchema,
  sortElementSchema,
  filterElementSchema,
]);

export const dbmindElementSchema: z.ZodMiniType<DbmindElement> = z.union([
  knownElementSchema,
  unknownElementSchema,
]);

export type StrElement = z.infer<typeof strElementSchema>;
export type ProgressElement = z.infer<typeof progressElementSchema>;
export type TableElement = z.infer<typeof tableElementSchema>;
export type GraphElement = z.infer<typeof graphElementSchema>;
export type TitleElement = z.infer<typeof titleElementSchema>;
export type StatusElement = z.infer<typeof statusElementSchema>;
export type AlarmButton = z.infer<typeof alarmButtonSchema>;
export type TableCell = z.infer<typeof cellSchema>;

/**
 * How deep and large one event of the stream may be (an event, its batch, a sort's cards, a card's button: 7
 * levels), checked before the recursive element schema meets a value deep enough to overflow the stack.
 */
export const dbmindEventBounds = { depth: 16, values: 50_000 } as const;

/** One `data:` line of the stream: a batch of elements, or the internal-error shape. */
export const dbmindEventSchema = boundedJson(
  z.union([
    z.object({ success: z.literal(true), data: z.array(dbmindElementSchema) }),
    z.object({ success: z.literal(false), msg: z.string() }),
  ]),
  dbmindEventBounds,
);
export type DbmindEvent = z.infer<typeof dbmindEventSchema>;
