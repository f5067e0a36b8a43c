import { Injectable } from '@nestjs/common';

/** How long a shutdown waits for requests already being handled before it goes on without them. */
const DRAIN_TIMEOUT_MS = 10000;

/** Requests a service handles at once by default; more are turned away (503) rather than queued without bound. */
export const DEFAULT_MAX_REQUESTS_IN_FLIGHT = 256;

/**
 * Counts the HTTP requests being handled: so that an overloaded service sheds load instead of queueing without
 * bound, and so that a shutdown can refuse new ones and wait for the ones in flight (their rows and outbox
 * events are committed before the relay's last flush, not left for the next start).
 */
@Injectable()
export class HttpDrain {
  private inFlight = 0;
  private closing = false;
  private idle: (() => void) | undefined;

  constructor(private readonly maxInFlight = DEFAULT_MAX_REQUESTS_IN_FLIGHT) {}

  get isClosing(): boolean {
    return this.closing;
  }

  /** As many requests are in flight as the service takes at once. */
  get isFull(): boolean {
    return this.inFlight >= this.maxInFlight;
  }

  /** A request has started; the returned function marks it finished (once, however often it is called). */
  begin(): () => void {
    this.inFlight++;
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      this.inFlight--;
      if (this.inFlight === 0) this.idle?.();
    };
  }

  /** Refuses new requests from now on and resolves once none is in flight, or after DRAIN_TIMEOUT_MS. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
