package io.escalator.localstack;

import io.escalator.local.LocalDriver;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Drives on the runs a store outage stopped, once the store answers again (the state machine retries in AWS). */
@ApplicationScoped
public class ResumeJob {

    private final LocalDriver driver;

    public ResumeJob(LocalDriver driver) {
        this.driver = driver;
    }

    @Scheduled(every = "${escalator.engine.resume-every}", delayed = "${escalator.engine.resume-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resume() {
        driver.resumeUnfinished();
    }
}
