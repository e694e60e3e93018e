package io.tunstack.core.stack;

import io.tunstack.core.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The one thread that owns a stack's protocol state (Netty's model): it receives packets, runs
 * timers and application tasks, and sleeps on the link until the next packet, task or deadline.
 * Other threads reach the stack only through {@link #execute} and {@link #call}.
 */
public final class EventLoop implements Executor, AutoCloseable {
    private final NetStack stack;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private EventLoop(NetStack stack, Clock clock, String name) {
        this.stack = stack;
        this.clock = clock;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts a loop thread that drives {@code stack}; {@link #close} stops it and closes the stack. */
    public static EventLoop start(NetStack stack, Clock clock, String name) {
        EventLoop loop = new EventLoop(stack, clock, name);
        loop.thread.start();
        return loop;
    }

    public NetStack stack() {
        return stack;
    }

    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon. */
    @Override
    public void execute(Runnable task) {
        if (!running) {
            throw new RejectedExecutionException("event loop " + thread.getName() + " is stopped");
        }
        tasks.add(task);
        if (!running) {
            drainTasks(); // the loop stopped between the check and the add: its final drain may have missed this task
        } else if (!inEventLoop()) {
            stack.link().wakeup();
        }
    }

    /** Runs {@code task} on the loop thread and completes with its result or exception. */
    public <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** The exception that ended the loop, if one did. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            while (running) {
                runTasks();
                long now = clock.nanoTime();
                stack.poll(now);
                runTasks();
                if (!tasks.isEmpty()) {
                    continue;
                }
                long deadline = stack.nextDeadline();
                long wait = deadline == Long.MAX_VALUE ? 1_000_000_000L : deadline - clock.nanoTime();
                if (wait > 0) {
                    stack.link().await(Math.min(wait, 1_000_000_000L));
                }
            }
        } catch (Throwable t) {
            failure = t;
            running = false;
        } finally {
            drainTasks();
        }
    }

    /** Runs what is left once the loop has stopped, so no caller waits forever on a task. */
    private void drainTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runQuietly(task);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException ignored) {
            // the loop is stopping; tasks that fail now have nobody left to tell
        }
    }

    /** Stops the loop thread, waits for it, then closes the stack and its link. */
    @Override
    public void close() {
        running = false;
        stack.link().wakeup();
        if (!inEventLoop()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stack.close();
    }
}
