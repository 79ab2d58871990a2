/**
 * Probe slots at even intervals from a start instant. Wall-clock time decides which slot is due; the
 * monotonic clock detects sleeps and clock changes, so a slot missed while the PC slept is recorded as a
 * gap (coverage drops, 监测不足) instead of being made up for by a burst of probes.
 */
export interface SlotDecision {
  slot: number;
  /** Slots skipped since the last one taken (sleep, clock jump, overrun). */
  missed: number;
}

export class ProbeSchedule {
  private lastSlot = -1;

  constructor(
    private readonly startMs: number,
    private readonly intervalMs: number,
    private readonly totalSlots: number,
  ) {}

  get finished(): boolean {
    return this.lastSlot >= this.totalSlots - 1;
  }

  /** The slot due at wall time `nowMs`, or null when the current slot was already taken. */
  due(nowMs: number): SlotDecision | null {
    const slot = Math.min(this.totalSlots - 1, Math.floor((nowMs - this.startMs) / this.intervalMs));
    if (slot <= this.lastSlot || slot < 0) return null;
    const missed = slot - this.lastSlot - 1;
    this.lastSlot = slot;
    return { slot, missed };
  }

  /** Milliseconds until the next slot opens. */
  waitMs(nowMs: number): number {
    const next = this.startMs + (this.lastSlot + 1) * this.intervalMs;
    return Math.max(0, next - nowMs);
  }
}
