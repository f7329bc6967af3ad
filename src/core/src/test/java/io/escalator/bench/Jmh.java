package io.escalator.bench;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs JMH ({@code org.openjdk.jmh.Main}, same arguments) from {@code mvn exec:java}. JMH forks a JVM with the
 * classpath of {@code java.class.path}, which under exec:java is Maven's own: this sets it to the project's test
 * classpath first, so the forked benchmark JVM finds the benchmarks and their dependencies.
 */
public final class Jmh {

    private Jmh() {
    }

    public static void main(String[] args) throws Exception {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(path(url));
            }
            System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
        }
        org.openjdk.jmh.Main.main(args);
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            return url.getPath();
        }
    }
}
