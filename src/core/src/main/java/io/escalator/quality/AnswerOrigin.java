package io.escalator.quality;

/**
 * Where an answer came from, for gates whose verdict depends on it ({@code recorded-label}).
 *
 * @param itemInput the input of the item the answer is for
 * @param model     the model that answered (the generator's)
 * @param attempt   that model's attempt number on the item, from 1, whatever tiers its attempts were on
 */
public record AnswerOrigin(String itemInput, String model, int attempt) {
}
