/**
 * Every rule, in report order.
 *
 * @module
 */
import type { SanityRule } from "./_rule.ts";
import { missingValue } from "./missing_value.ts";
import { unparsableDate } from "./unparsable_date.ts";
import { futureDate } from "./future_date.ts";
import { nonPositivePrice } from "./non_positive_price.ts";
import { highBelowLow } from "./high_below_low.ts";
import { openCloseOutsideRange } from "./open_close_outside_range.ts";
import { negativeVolume } from "./negative_volume.ts";
import { duplicateExact } from "./duplicate_exact.ts";
import { duplicateConflict } from "./duplicate_conflict.ts";
import { outOfOrder } from "./out_of_order.ts";
import { gap } from "./gap.ts";
import { extremeMove } from "./extreme_move.ts";
import { stalePrice } from "./stale_price.ts";
import { unadjustedSplit } from "./unadjusted_split.ts";
import { timeZoneMix } from "./time_zone_mix.ts";
import { lookahead } from "./lookahead.ts";

/** All rules (ids as in `RULE_IDS`). */
export const RULES: readonly SanityRule[] = [
  missingValue,
  unparsableDate,
  futureDate,
  nonPositivePrice,
  highBelowLow,
  openCloseOutsideRange,
  negativeVolume,
  duplicateExact,
  duplicateConflict,
  outOfOrder,
  gap,
  extremeMove,
  stalePrice,
  unadjustedSplit,
  timeZoneMix,
  lookahead,
];
