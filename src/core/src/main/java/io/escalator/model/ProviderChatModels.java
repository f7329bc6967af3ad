package io.escalator.model;

/**
 * The chat models of one provider, as a tier's {@code "provider"} names it. {@link ChatModelsByProvider} routes every
 * call to the implementation of its tier's provider, so a new provider is one more implementation.
 * <p>
 * An implementation that is a bean is typed to its class and this interface ({@code @Typed}), so that the router
 * stays the one {@link ChatModels} bean the engine is given.
 */
public interface ProviderChatModels extends ChatModels {

    /** The provider it calls, as ladders name it (e.g. {@code openai}). */
    String provider();
}
