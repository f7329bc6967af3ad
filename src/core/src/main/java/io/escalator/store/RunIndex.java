package io.escalator.store;

/** The table's global secondary indexes: each lists runs of one partition, newest first by its sort key. */
enum RunIndex {

    BY_TIME(Keys.RUNS_BY_TIME, Keys.GSI1_PK, Keys.GSI1_SK),
    BY_STATUS(Keys.RUNS_BY_STATUS, Keys.GSI2_PK, Keys.GSI2_SK),
    BY_WORKFLOW(Keys.RUNS_BY_WORKFLOW, Keys.GSI3_PK, Keys.GSI3_SK),
    BY_OWNER(Keys.RUNS_BY_OWNER, Keys.GSI4_PK, Keys.GSI4_SK);

    private final String indexName;
    private final String partitionKey;
    private final String sortKey;

    RunIndex(String indexName, String partitionKey, String sortKey) {
        this.indexName = indexName;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
    }

    String indexName() {
        return indexName;
    }

    String partitionKey() {
        return partitionKey;
    }

    String sortKey() {
        return sortKey;
    }
}
