// Work deferred to later turns of the event loop, one waiter per turn. Answers to a round of requests
// arrive together; judging and parsing them one after another in a single turn kept the answers that came
// meanwhile unread and their slots empty. One per turn lets the loop poll between them: each arriving
// answer frees its slot and sends the next request first (BENCHMARKS.md, fifth session).
const waiting: (() => void)[] = [];
let scheduled = false;

function wakeOne(): void {
  const next = waiting.shift();
  // An immediate queued from inside an immediate runs in the next turn, after that turn's I/O poll.
  scheduled = waiting.length > 0;
  if (scheduled) setImmediate(wakeOne);
  next?.();
}

/** Resolves in a later turn: after the I/O ready now, and after every earlier caller's turn. */
export function laterTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(wakeOne);
    }
  });
}
