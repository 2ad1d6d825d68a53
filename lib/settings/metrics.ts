import * as z from 'zod';
import { defineSetting } from './setting.js';

/** Default minimum number of answers before a score is trusted (and metric alerts may fire). */
export const DEFAULT_MIN_SAMPLE = 30;

/** Answers needed before a score is trusted. Default 30. */
export const MIN_SAMPLE = defineSetting(
  'minSample',
  'MIN_SAMPLE',
  z.number().int().min(1).default(DEFAULT_MIN_SAMPLE),
);
