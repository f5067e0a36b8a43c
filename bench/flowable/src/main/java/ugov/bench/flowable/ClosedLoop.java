package ugov.bench.flowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code threads} client threads, each starting its next operation as soon as the last one returned,
 * as the bench's own closed loop does: a warm-up, then only operations that start and end inside the
 * measured window count; when the window closes no thread starts another, and the ones in flight are
 * awaited.
 */
final class ClosedLoop {
  interface Operation {
    void run() throws Exception;
  }

  /** When the warm-up may end; asked once a second. */
  interface Warmup {
    boolean isOver();
  }

  /** What the caller learns as the measured window opens and closes (the bench reads CPU counters then). */
  interface WindowListener {
    void opened();

    void closed();
  }

  record Result(
      int threads,
      double measuredSeconds,
      long[] latenciesNanos,
      long succeededOverall,
      long failures,
      List<String> firstFailures) {
    double perSecond() {
      return latenciesNanos.length / measuredSeconds;
    }
  }

  private static final int FAILURES_KEPT = 5;

  private ClosedLoop() {}

  static Result run(int threads, Warmup warmup, double measureSeconds, Operation operation, WindowListener listener)
      throws InterruptedException {
    // Both edges stay open until the warm-up is over; the end is set first, so no client ever sees
    // a window that has begun but has no end.
    AtomicLong windowStart = new AtomicLong(Long.MAX_VALUE);
    AtomicLong windowEnd = new AtomicLong(Long.MAX_VALUE);
    AtomicLong succeededOverall = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());
    // One sample list per thread: recording a latency never waits for another thread.
    long[][] samplesByThread = new long[threads][];
    List<Thread> workers = new ArrayList<>();
    for (int index = 0; index < threads; index++) {
      int worker = index;
      Thread thread =
          new Thread(
              () -> {
                long[] samples = new long[1024];
                int count = 0;
                for (long start = System.nanoTime(); start < windowEnd.get(); start = System.nanoTime()) {
                  try {
                    operation.run();
                    succeededOverall.incrementAndGet();
                  } catch (Exception | AssertionError error) {
                    if (failures.incrementAndGet() <= FAILURES_KEPT) firstFailures.add(String.valueOf(error));
                    continue;
                  }
                  long end = System.nanoTime();
                  if (start >= windowStart.get() && end <= windowEnd.get()) {
                    if (count == samples.length) samples = Arrays.copyOf(samples, count * 2);
                    samples[count++] = end - start;
                  }
                }
                samplesByThread[worker] = Arrays.copyOf(samples, count);
              },
              "client-" + index);
      workers.add(thread);
      thread.start();
    }
    do {
      TimeUnit.SECONDS.sleep(1);
    } while (!warmup.isOver());
    long opensAt = System.nanoTime();
    long closesAt = opensAt + (long) (measureSeconds * 1e9);
    windowEnd.set(closesAt);
    windowStart.set(opensAt);
    listener.opened();
    for (long left = closesAt - System.nanoTime(); left > 0; left = closesAt - System.nanoTime()) TimeUnit.NANOSECONDS.sleep(left);
    listener.closed();
    for (Thread worker : workers) worker.join();
    long[] latencies = Arrays.stream(samplesByThread).flatMapToLong(Arrays::stream).toArray();
    return new Result(threads, measureSeconds, latencies, succeededOverall.get(), failures.get(), List.copyOf(firstFailures));
  }
}
