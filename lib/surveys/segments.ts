import * as z from 'zod';

/** The dimensions metrics are kept for, beside the overall score. */
export const DimensionSchema = z.enum(['team', 'agent', 'channel', 'touchpoint']);
export type Dimension = z.infer<typeof DimensionSchema>;
export const DIMENSIONS = DimensionSchema.options;

/** A slice of the answers: everything (`null`) or one value of one dimension. */
export type Segment = { dimension: Dimension; value: string } | null;

/** The segment values an answer carries, from its interaction. */
export interface SegmentValues {
  team: string;
  channel: string;
  touchpoint: string;
  agent?: string | undefined;
}

/** Every segment an answer counts in: overall first, then one per dimension it has a value for. */
export const segmentsOf = (values: SegmentValues): Segment[] => [
  null,
  ...DIMENSIONS.flatMap((dimension) => {
    const value = values[dimension];
    return value === undefined ? [] : [{ dimension, value }];
  }),
];
