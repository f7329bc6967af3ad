package io.escalator.api;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Numbers as the core reads and writes them ({@link io.escalator.support.Json}). Request numbers are read exactly, as
 * decimals: money keeps every digit, and a number no double holds ({@code 1E+400}) stays a number to check and refuse
 * rather than becoming an infinity that breaks whatever reads it. Money goes out as plain decimals ({@code 0.000203}),
 * never in exponent form ({@code 2.03E-4}).
 */
@Singleton
public class JsonNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature());
    }
}
