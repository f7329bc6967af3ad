package io.escalator.replay;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a RouterBench CSV: a header row, then a prompt per row with {@code sample_id}, {@code prompt}, and per model
 * a column named after the model with its 0/1 score, {@code <model>|model_response} and {@code <model>|total_cost}.
 * A model whose score or cost is empty on a row has no answer for that prompt (see
 * {@link RecordedDataset#complete}); any other unreadable value fails the whole file, naming the row and column.
 */
public final class RouterBenchCsv {

    static final String SAMPLE_ID = "sample_id";
    static final String PROMPT = "prompt";
    static final String RESPONSE_SUFFIX = "|model_response";
    static final String COST_SUFFIX = "|total_cost";

    private static final ObjectReader ROWS = new CsvMapper()
            .readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private RouterBenchCsv() {
    }

    public static RecordedDataset read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ReplayDataException(file + ": no such file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new ReplayDataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static RecordedDataset read(String csv, String source) {
        try {
            return read(new StringReader(csv), source);
        } catch (IOException e) {
            throw new ReplayDataException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static RecordedDataset read(Reader reader, String source) throws IOException {
        try (MappingIterator<String[]> rows = ROWS.readValues(reader)) {
            if (!rows.hasNext()) {
                throw new ReplayDataException(source + ": empty file, expected a RouterBench CSV with a header row");
            }
            Columns columns = Columns.of(rows.next(), source);
            List<RecordedPrompt> prompts = new ArrayList<>();
            int row = 0;
            while (rows.hasNext()) {
                row++;
                String[] fields = rows.next();
                if (fields.length == 1 && fields[0].isBlank()) {
                    continue;
                }
                prompts.add(columns.prompt(fields, new RowErrors(source, row)));
            }
            return new RecordedDataset(source, columns.models(), prompts);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ReplayDataException(source + ": not a readable CSV: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
    }

    /** Where each value is: the header's positions of the prompt's columns and of each model's three columns. */
    private record Columns(int sampleId, int prompt, int width, Map<String, ModelColumns> byModel) {

        static Columns of(String[] header, String source) {
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                positions.putIfAbsent(header[i].strip(), i);
            }
            for (String required : List.of(SAMPLE_ID, PROMPT)) {
                if (!positions.containsKey(required)) {
                    throw new ReplayDataException(source + ": not a RouterBench CSV: the header has no '" + required
                            + "' column");
                }
            }
            Map<String, ModelColumns> models = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                String model = header[i].strip();
                Integer response = positions.get(model + RESPONSE_SUFFIX);
                Integer cost = positions.get(model + COST_SUFFIX);
                if (response != null && cost != null) {
                    models.put(model, new ModelColumns(i, response, cost));
                }
            }
            if (models.isEmpty()) {
                throw new ReplayDataException(source + ": not a RouterBench CSV: no model has the three columns <model>, <model>"
                        + RESPONSE_SUFFIX + " and <model>" + COST_SUFFIX);
            }
            return new Columns(positions.get(SAMPLE_ID), positions.get(PROMPT), header.length, models);
        }

        List<String> models() {
            return List.copyOf(byModel.keySet());
        }

        RecordedPrompt prompt(String[] fields, RowErrors errors) {
            if (fields.length != width) {
                throw errors.error("has " + fields.length + " fields, the header has " + width);
            }
            Map<String, RecordedAnswer> answers = new HashMap<>();
            byModel.forEach((model, at) -> {
                String score = fields[at.score()].strip();
                String cost = fields[at.cost()].strip();
                if (!score.isEmpty() && !cost.isEmpty()) {
                    answers.put(model, new RecordedAnswer(errors.score(model, score), fields[at.response()],
                            errors.cost(model, cost)));
                }
            });
            return new RecordedPrompt(fields[sampleId].strip(), fields[prompt], answers);
        }
    }

    private record ModelColumns(int score, int response, int cost) {
    }

    private record RowErrors(String source, int row) {

        boolean score(String model, String text) {
            BigDecimal value = number(model, text);
            if (value.compareTo(BigDecimal.ONE) == 0) {
                return true;
            }
            if (value.signum() == 0) {
                return false;
            }
            throw error("column '" + model + "': score " + text + " is neither 0 nor 1");
        }

        BigDecimal cost(String model, String text) {
            BigDecimal value = number(model + COST_SUFFIX, text);
            if (value.signum() < 0) {
                throw error("column '" + model + COST_SUFFIX + "': cost " + text + " is negative");
            }
            return value;
        }

        private BigDecimal number(String column, String text) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw error("column '" + column + "': '" + text + "' is not a number");
            }
        }

        ReplayDataException error(String what) {
            return new ReplayDataException(source + ": data row " + row + " " + what);
        }
    }
}
