import { addDays } from './civilDate.js';

/**
 * The availability window of an audit: the week of monitor probes before the as-of date, as-of day
 * included, as ISO instants at Shanghai midnight. The probes a run takes itself are added by the caller.
 */
export function availabilityWindow(asOf: string, days = 7): { fromIso: string; toIso: string } {
  const at = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
  return { fromIso: at(addDays(asOf, -(days - 1))), toIso: at(addDays(asOf, 1)) };
}
