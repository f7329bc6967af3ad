package io.escalator.cost;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE tokenizer (OpenAI's o200k_base, through jtokkit). Other vendors' tokenizers differ by
 * some percent; where that matters (budget reservations) callers add a margin. Actual costs never come from here
 * when the provider reports usage.
 */
public final class TokenCounter {

    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    /** Tokens a chat message adds beyond its text (role and separators), as OpenAI documents for its chat format. */
    public static final int PER_MESSAGE_OVERHEAD = 4;

    private TokenCounter() {
    }

    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
    }

    /** Tokens of a chat request with these messages. */
    public static int countMessages(String... messages) {
        int total = 3;
        for (String message : messages) {
            total += PER_MESSAGE_OVERHEAD + count(message);
        }
        return total;
    }
}
