package org.m3vit.app.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The real runner on the FX thread: what the status bar shows, and clean-ups after queued jobs. */
@ExtendWith(ApplicationExtension.class)
class FxBackgroundRunnerTest {

    @Test
    void theStatusBarFollowsTheRunningJobNotTheNewestQueuedOneAndCleanUpWaitsForBoth(FxRobot robot) throws Exception {
        FxBackgroundRunner runner = new FxBackgroundRunner();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        AtomicBoolean secondDone = new AtomicBoolean();
        AtomicBoolean cleanedAfterBoth = new AtomicBoolean();
        robot.interact(() -> {
            runner.submit("first", p -> {
                p.update(0.25, "first at a quarter");
                reported.countDown();
                release.await(10, TimeUnit.SECONDS);
                return 1;
            }, v -> { }, e -> { });
            runner.submit("second", p -> { secondDone.set(true); return 2; }, v -> { }, e -> { });
            runner.afterQueued(() -> cleanedAfterBoth.set(secondDone.get()));
        });
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> runner.progressProperty().get() == 0.25);
        WaitForAsyncUtils.waitForFxEvents();
        // was: bound to the second job, which has not started (progress -1, message "")
        assertThat(runner.messageProperty().get()).isEqualTo("first at a quarter");
        assertThat(runner.progressProperty().get()).isEqualTo(0.25);
        release.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !runner.busyProperty().get());
        runner.close();
        assertThat(cleanedAfterBoth).isTrue();
    }
}
