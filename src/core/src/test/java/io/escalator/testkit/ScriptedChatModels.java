package io.escalator.testkit;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Tier;
import io.escalator.model.ChatModels;
import io.escalator.model.ChatPrompt;
import io.escalator.model.ModelCallException;
import io.escalator.model.ModelReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted, in-memory test double of our own {@link ChatModels} interface, for orchestration tests of the engine.
 * It is not a model client and never touches a network: the production transport ({@code OpenAiChatModels}) needs a
 * Quarkus runtime and is tested end to end in the api module against a loopback OpenAI-protocol server.
 *
 * <p>Answers are scripted per model name (the tier's model or an agent override), optionally narrowed to prompts
 * whose user message contains a marker (an item's input), so that items running in parallel get their own answers.
 * Each script is a queue whose last answer repeats. Every answer carries the exact token usage to report, and can
 * instead fail with {@link ModelCallException}, or take a while (a latency, never used to synchronise tests). Every
 * call is recorded with its prompt.
 */
public final class ScriptedChatModels implements ChatModels {

    /** One scripted reply: a text with its usage, or a failure; optionally after a delay. */
    public record Answer(String text, TokenUsage usage, String failure, Duration delay) {

        public static Answer text(String text, int inputTokens, int outputTokens) {
            return new Answer(text, new TokenUsage(inputTokens, outputTokens), null, Duration.ZERO);
        }

        public static Answer failure(String reason) {
            return new Answer(null, TokenUsage.NONE, reason, Duration.ZERO);
        }

        public Answer after(Duration latency) {
            return new Answer(text, usage, failure, latency);
        }
    }

    /** A call as the double received it. */
    public record Call(String tier, String model, ChatPrompt prompt) {
    }

    private final Map<String, Script> byModel = new LinkedHashMap<>();
    private final Map<String, Map<String, Script>> byModelAndMarker = new LinkedHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Runnable> onEveryCall = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    /** Scripts the answers of a model to every prompt that no marker script claims. */
    public synchronized ScriptedChatModels answer(String model, Answer... answers) {
        byModel.put(model, new Script(List.of(answers)));
        return this;
    }

    /** Scripts the answers of a model to prompts whose user message contains {@code marker}. */
    public synchronized ScriptedChatModels answer(String model, String marker, Answer... answers) {
        byModelAndMarker.computeIfAbsent(model, key -> new LinkedHashMap<>()).put(marker, new Script(List.of(answers)));
        return this;
    }

    /** Runs an action on every call before answering (e.g. to let a test clock move as a model works). */
    public ScriptedChatModels onEveryCall(Runnable action) {
        onEveryCall.add(action);
        return this;
    }

    @Override
    public ModelReply chat(Tier tier, AgentModel model, ChatPrompt prompt) throws ModelCallException {
        calls.add(new Call(tier.name(), model.model(), prompt));
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            onEveryCall.forEach(Runnable::run);
            Answer answer = next(model.model(), prompt);
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay());
            }
            if (answer.failure() != null) {
                throw new ModelCallException(answer.failure(), answer.delay().toMillis());
            }
            return new ModelReply(answer.text(), answer.usage(), false, answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted", 0);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private synchronized Answer next(String model, ChatPrompt prompt) {
        for (Map.Entry<String, Script> marked : byModelAndMarker.getOrDefault(model, Map.of()).entrySet()) {
            if (prompt.user().contains(marked.getKey())) {
                return marked.getValue().next();
            }
        }
        Script script = byModel.get(model);
        if (script == null) {
            throw new IllegalStateException("no answer scripted for model " + model + " and prompt " + prompt.user());
        }
        return script.next();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> callsTo(String model) {
        return calls.stream().filter(call -> call.model().equals(model)).toList();
    }

    public List<ChatPrompt> promptsTo(String model) {
        return callsTo(model).stream().map(Call::prompt).toList();
    }

    public int callCount() {
        return calls.size();
    }

    public int callCount(String model) {
        return callsTo(model).size();
    }

    /** Calls to a model whose user message contains the marker. */
    public int callCount(String model, String marker) {
        return (int) callsTo(model).stream().filter(call -> call.prompt().user().contains(marker)).count();
    }

    /** The most calls that were under way at the same time. */
    public int maxConcurrentCalls() {
        return maxInFlight.get();
    }

    private static final class Script {
        private final List<Answer> answers;
        private int next;

        Script(List<Answer> answers) {
            if (answers.isEmpty()) {
                throw new IllegalArgumentException("a script needs at least one answer");
            }
            this.answers = new ArrayList<>(answers);
        }

        Answer next() {
            Answer answer = answers.get(Math.min(next, answers.size() - 1));
            next++;
            return answer;
        }
    }
}
