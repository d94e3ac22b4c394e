/** One scalar value of a TensorBoard event: a `simple_value`, or a tensor holding a single number. */
export interface TfScalar {
  tag: string;
  value: number;
}

/**
 * One histogram of a TensorBoard event, in the fields of TensorFlow's HistogramProto: bucket i counts the
 * values in (bucketLimits[i-1], bucketLimits[i]], the first bucket everything up to bucketLimits[0].
 */
export interface TfHistogram {
  tag: string;
  min: number;
  max: number;
  num: number;
  sum: number;
  sumSquares: number;
  bucketLimits: number[];
  buckets: number[];
}

/** The values of one TensorFlow Event record that rewardscope reads: its step, time, scalars and histograms. */
export interface TfEvent {
  step: number;
  /** Seconds since the Unix epoch. */
  wallTime: number;
  scalars: TfScalar[];
  histograms: TfHistogram[];
}
