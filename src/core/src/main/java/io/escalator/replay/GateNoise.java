package io.escalator.replay;

import java.nio.charset.StandardCharsets;

/**
 * An imperfect gate: each verdict is flipped with probability {@code errorRate}. Whether a verdict flips is a pure
 * function of (seed, prompt, model, attempt), so a replay is reproducible, and two ladders that both try a model on
 * a prompt see the same verdicts for its attempts there.
 *
 * @param errorRate the share of verdicts the gate gets wrong, 0..1
 */
public record GateNoise(double errorRate, long seed) {

    public static final GateNoise EXACT = new GateNoise(0, 0);

    public GateNoise {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new ReplayDataException("the gate error rate must be between 0 and 1, not " + errorRate);
        }
    }

    /**
     * @param attempt the attempt's number on the model for this prompt, from 1; a retry on the same model gets the same
     *                recorded answer but a verdict of its own
     */
    public boolean flips(String sampleId, String model, int attempt) {
        return errorRate > 0 && uniform(sampleId, model, attempt) < errorRate;
    }

    /** A uniform draw in [0, 1): SplitMix64's finalizer over the seed and FNV-1a hashes of the key. */
    double uniform(String sampleId, String model, int attempt) {
        long h = mix(seed);
        h = mix(h ^ fnv1a(sampleId));
        h = mix(h ^ fnv1a(model));
        h = mix(h ^ attempt);
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
