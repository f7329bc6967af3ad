package io.escalator.sandbox.child;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The child JVM's main: runs one test class with the JUnit Platform (Jupiter only, nothing auto-registered) and
 * writes each event to a report file as soon as it happens, so that a run killed or ended half-way still says what
 * ran and which test was running.
 *
 * <p>Runs in the child JVM with only the JUnit standalone jar and itself on the class path: it must use nothing else
 * from this module, and must stay ONE class file (no nested, anonymous or enum-switch classes), since the parent
 * copies exactly this class into the child's launcher jar. The tests and the class under test are loaded by a
 * {@link URLClassLoader} over the compiled classes, not from the class path, so that the class path is the same on
 * every run and the AppCDS archive made on the first run stays valid.
 *
 * <p>Arguments: compiled classes directory, test class, report file, class under test, milliseconds after which
 * the JVM halts by itself (past the parent's own limit, for when the parent died). Report lines are
 * tab-separated, fields escaped ({@code \\ \t \n \r}): {@code S name} started, {@code P name} passed,
 * {@code F name message} failed, {@code A name message} aborted, {@code K name reason} skipped, {@code C name message}
 * a container (class, lifecycle method) failed, {@code I message} a discovery issue, {@code E message} the runner
 * itself failed, {@code X test caller} the JVM is exiting before the end, {@code D} done.
 */
public final class ChildMain implements TestExecutionListener, LauncherDiscoveryListener {

    private static final int FIELD_LIMIT = 4000;

    private final Writer report;
    private final String testClass;
    private final String classUnderTest;
    private volatile String currentTest = "";
    private volatile boolean finished;

    private ChildMain(Writer report, String testClass, String classUnderTest) {
        this.report = report;
        this.testClass = testClass;
        this.classUnderTest = classUnderTest;
    }

    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        String testClass = args[1];
        long deadlineMillis = Long.parseLong(args[4]);
        // the parent kills us at the time limit; this is for when the parent itself died and cannot
        Thread.ofPlatform().daemon().name("sandbox-deadline").start(() -> {
            try {
                Thread.sleep(deadlineMillis);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(124);
        });
        Writer writer = new OutputStreamWriter(new FileOutputStream(args[2], true), StandardCharsets.UTF_8);
        ChildMain main = new ChildMain(writer, testClass, args[3]);
        Runtime.getRuntime().addShutdownHook(new Thread(main::exitingEarly, "sandbox-exit-reporter"));
        int status = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ChildMain.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            LauncherConfig config = LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .addTestEngines(new JupiterTestEngine())
                    .build();
            LauncherFactory.create(config).execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(loader, testClass))
                    .enableImplicitConfigurationParameters(false)
                    .configurationParameters(Map.of("junit.platform.discovery.issue.severity.critical", "ERROR"))
                    .listeners(main)
                    .build(), main);
            main.write("D");
        } catch (Throwable e) {
            main.write("E", main.describe(e));
            status = 2;
        }
        main.finished = true;
        // exit, not return: tests may leave non-daemon threads behind; exit also runs JaCoCo's dump-on-exit hook
        System.exit(status);
    }

    @Override
    public void issueEncountered(UniqueId source, DiscoveryIssue issue) {
        write("I", issue.severity() + ": " + issue.message());
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            currentTest = name(test);
            write("S", currentTest);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            write("K", name(test), reason == null ? "" : reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        String message = result.getThrowable().map(this::describe).orElse("");
        TestExecutionResult.Status status = result.getStatus();
        if (test.isTest()) {
            write(status == TestExecutionResult.Status.SUCCESSFUL ? "P"
                    : status == TestExecutionResult.Status.ABORTED ? "A" : "F", name(test), message);
            currentTest = "";
        } else if (status == TestExecutionResult.Status.FAILED) {
            write("C", name(test), message);
        }
    }

    /** Shutdown hook: when the JVM exits before the end, says who called exit (System.exit runs hooks, halt doesn't). */
    private void exitingEarly() {
        if (finished) {
            return;
        }
        String caller = "";
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (int i = 0; i < stack.length && caller.isEmpty(); i++) {
                if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
                    for (int j = i + 1; j < stack.length && caller.isEmpty(); j++) {
                        if (!stack[j].getClassName().startsWith("java.")) {
                            caller = stack[j].toString();
                        }
                    }
                }
            }
        }
        write("X", currentTest, caller);
    }

    private String name(TestIdentifier test) {
        String display = test.getDisplayName();
        if (test.getSource().orElse(null) instanceof MethodSource method) {
            String name = simpleName(method.getClassName()) + "." + method.getMethodName();
            // an invocation of a parameterized or repeated test: its display name tells which
            return display.startsWith(method.getMethodName() + "(") ? name : name + " " + display;
        }
        if (test.getSource().orElse(null) instanceof ClassSource type) {
            return simpleName(type.getClassName());
        }
        return display;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** The failure as the next model should read it: type, message, expected/actual, where. */
    private String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
        String message = failure.getMessage();
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message.strip());
        }
        if (failure instanceof AssertionFailedError assertion && assertion.isExpectedDefined()
                && assertion.isActualDefined() && (message == null || !message.contains("expected"))) {
            text.append(" (expected: <").append(assertion.getExpected().getStringRepresentation())
                    .append("> but was: <").append(assertion.getActual().getStringRepresentation()).append(">)");
        }
        String where = where(failure.getStackTrace());
        if (!where.isEmpty()) {
            text.append(" at ").append(where);
        }
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure) {
            text.append("; caused by ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage().strip());
            }
        }
        return text.toString();
    }

    /** The frames in the class under test and in the test class, innermost first (at most three). */
    private String where(StackTraceElement[] stack) {
        StringBuilder where = new StringBuilder();
        int frames = 0;
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (isOrNestedIn(type, classUnderTest) || isOrNestedIn(type, testClass)) {
                if (frames > 0) {
                    where.append(" < ");
                }
                where.append(simpleName(type)).append('.').append(frame.getMethodName()).append('(')
                        .append(frame.getFileName()).append(':').append(frame.getLineNumber()).append(')');
                if (++frames == 3) {
                    break;
                }
            }
        }
        return where.toString();
    }

    private static boolean isOrNestedIn(String type, String outer) {
        return type.equals(outer) || type.startsWith(outer + "$");
    }

    private synchronized void write(String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            String field = fields[i].length() > FIELD_LIMIT ? fields[i].substring(0, FIELD_LIMIT) + "..." : fields[i];
            for (int c = 0; c < field.length(); c++) {
                char ch = field.charAt(c);
                if (ch == '\\') {
                    line.append("\\\\");
                } else if (ch == '\t') {
                    line.append("\\t");
                } else if (ch == '\n') {
                    line.append("\\n");
                } else if (ch == '\r') {
                    line.append("\\r");
                } else {
                    line.append(ch);
                }
            }
        }
        try {
            report.write(line.append('\n').toString());
            report.flush();
        } catch (IOException e) {
            // the parent notices the missing lines; nothing better to do in here
        }
    }
}
