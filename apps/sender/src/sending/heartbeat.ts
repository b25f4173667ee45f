/**
 * Renews this run's leases while it has attempts in flight, so a lease can
 * be short: a run that dies stops renewing and its rows free up quickly.
 */
export class Heartbeat {
  private holders = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly renew: () => void,
    private readonly everyMs: number,
  ) {}

  /** Starts beating (if not already); call the returned function when the attempt is over. */
  hold(): () => void {
    this.holders++;
    if (this.timer === undefined) {
      this.timer = setInterval(() => {
        this.renew();
      }, this.everyMs);
      // A heartbeat alone never keeps the process alive.
      this.timer.unref();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      if (this.holders === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }
}
